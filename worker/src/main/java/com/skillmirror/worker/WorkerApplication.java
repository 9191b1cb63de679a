package com.skillmirror.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A worker: runs partitions of the analysis steps that it takes from RabbitMQ, against the shared job repository
 * and storage. Start as many as the machines allow; each takes one partition per consumer at a time.
 */
@SpringBootApplication(scanBasePackages = "com.skillmirror")
public class WorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerApplication.class, args);
    }
}
