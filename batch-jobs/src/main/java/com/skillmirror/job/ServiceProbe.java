package com.skillmirror.job;

import com.skillmirror.storage.ObjectStorage;
import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;

/** Whether the services a job needs answer now: PostgreSQL, the object store and, when distributed, RabbitMQ. */
class ServiceProbe {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServiceProbe.class);

    private final DataSource dataSource;
    private final ObjectStorage storage;
    private final ObjectProvider<ConnectionFactory> rabbit;
    private final boolean distributed;

    ServiceProbe(DataSource dataSource, ObjectStorage storage, ObjectProvider<ConnectionFactory> rabbit,
                 boolean distributed) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.rabbit = rabbit;
        this.distributed = distributed;
    }

    /** Null when every service answers, else what does not (for the log and the user's message). */
    String unreachable() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(5)) {
                return "the database";
            }
        } catch (Exception e) {
            LOG.debug("Database not answering", e);
            return "the database";
        }
        try {
            storage.checkReachable();
        } catch (Exception e) {
            LOG.debug("Storage not answering", e);
            return "the object storage";
        }
        ConnectionFactory broker = distributed ? rabbit.getIfAvailable() : null;
        if (broker != null) {
            try {
                if (!broker.createConnection().isOpen()) {
                    return "the message broker";
                }
            } catch (Exception e) {
                LOG.debug("Broker not answering", e);
                return "the message broker";
            }
        }
        return null;
    }
}
