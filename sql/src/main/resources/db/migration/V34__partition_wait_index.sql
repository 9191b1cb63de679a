-- The partition queue's age (PartitionQueueMetrics, read at every metrics scrape) looks for partitions created by
-- the manager and not yet taken by a worker. Step executions accumulate with every job; the partial index holds only
-- the few waiting ones, so the query stays cheap however long the history grows.
CREATE INDEX batch_step_execution_waiting ON batch_step_execution (job_execution_id, create_time)
    WHERE status = 'STARTING' AND start_time IS NULL;
