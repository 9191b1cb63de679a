-- Tests only (Flyway runs this callback after every migrate of a test database).
-- Spring Batch's job and step scopes keep their contexts in static state keyed by execution id. Each test class has a
-- fresh database whose ids would start at 1 again, so a job or step left open by an earlier class's context (closed
-- mid-job) could hand a later class's execution with the same id that context's scoped beans. Starting every test
-- database's ids at a random far-off value makes such a collision practically impossible.
SELECT setval('batch_job_execution_seq', 1000000 + floor(random() * 1e12)::bigint)
WHERE (SELECT last_value FROM batch_job_execution_seq) < 1000000;
SELECT setval('batch_step_execution_seq', 1000000 + floor(random() * 1e12)::bigint)
WHERE (SELECT last_value FROM batch_step_execution_seq) < 1000000;
