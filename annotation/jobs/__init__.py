"""The job runtime: how a Job row becomes work done by a Celery worker.

- `registry`: each job kind's Celery task and queue.
- `redis_client`: the process's one Redis client (job locks; realtime presence uses it too).
- `locks`: `JobLock`, the fenced Redis lock a worker holds on the job it runs (a token per holder).
- `heartbeat`: keeps that lock alive from a side thread while a job body runs.
- `runner`: `run_job` / `run_job_task`, which Celery tasks call: lock (or retry later when a live
  worker holds it), start, heartbeat, cancellation, failure, finish; `JobContext` is what a job
  body gets to report progress and check for cancellation.
- `workers`: each worker announces the queues it consumes; a click with no live worker on the
  interactive queue is refused at once.
- `recovery`: the reconciler Celery beat runs: resumes the jobs of dead workers (running rows
  whose lock has lapsed) and sends again queued jobs whose message was lost.

Job rows themselves are written by `annotation/services/jobs.py` (create, enqueue after commit,
start, progress, finish, cancel). Nothing is imported here: `services/jobs.py` imports the
registry while the runner imports `services/jobs.py`.
"""
