"""The bridge between Django and the engine: the only code that joins `annotation` and
`inference/engine/`, one module per concern.

- `engine`: the process's backend (loaded once, after the worker forked) and the project's
  mask post-processing.
- `frames`: annotated frames read lazily from Django storage.
- `clicks`: a click answered from the prompts in force on its frame.
- `propagation`: a propagation's plan and its masks stored in batches with a checkpoint.
- `automask`: automatic masklets on a key frame, then propagated.

The bridge reads models and annotation's read helpers but writes only through
`annotation/services` (masklets, frame masks, prompts, job progress). No state lives between
tasks except the backend and its caches; everything a task needs is read from the database, so
any worker can answer any click and a killed worker's job resumes anywhere. Nothing is imported
here, so importing one concern does not load the others.
"""
