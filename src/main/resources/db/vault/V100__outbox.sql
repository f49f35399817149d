-- Durable publication jobs (storage outbox). Versions 100+ belong to io.enclave.storage.
CREATE TABLE outbox_job (
    id              VARCHAR(64)  PRIMARY KEY,
    kind            VARCHAR(64)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    -- the job's input until the first step has consumed it (wiped to NULL when a step asks for it)
    input           BLOB,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(4000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT outbox_job_state CHECK (state IN ('PENDING', 'DONE', 'FAILED'))
);

CREATE INDEX outbox_job_due ON outbox_job (state, next_attempt_at);

CREATE TABLE outbox_step (
    job_id       VARCHAR(64) NOT NULL REFERENCES outbox_job (id) ON DELETE CASCADE,
    step         VARCHAR(64) NOT NULL,
    position     INT         NOT NULL,
    state        VARCHAR(16) NOT NULL,
    attempts     INT         NOT NULL DEFAULT 0,
    result       BLOB,
    last_error   VARCHAR(4000),
    completed_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (job_id, step),
    CONSTRAINT outbox_step_state CHECK (state IN ('PENDING', 'DONE'))
);

-- Intermediate state a step must never lose or redo differently (a generated key, a signed transaction).
CREATE TABLE outbox_checkpoint (
    job_id VARCHAR(64) NOT NULL REFERENCES outbox_job (id) ON DELETE CASCADE,
    step   VARCHAR(64) NOT NULL,
    name   VARCHAR(64) NOT NULL,
    val    BLOB        NOT NULL,
    PRIMARY KEY (job_id, step, name)
);
