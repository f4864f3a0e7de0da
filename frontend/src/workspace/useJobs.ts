import { useCallback, useEffect, useRef, useState } from "react";
import type { JobFinishedEvent, JobProgressEvent } from "../api/events";
import { api } from "../lib/endpoints";
import { propagationRange } from "../lib/timeline";
import { isJobActive, type Direction, type Job, type JobStatus, type ModelRole } from "../lib/types";
import { useInterval } from "../hooks";

export interface TrackedJob {
  id: number;
  kind: string;
  status: JobStatus;
  progress: number;
  frame: number | null;
  error: string;
  mine: boolean;
  /** propagation geometry, when known, for the progress bar on the timeline */
  range?: [number, number];
  startFrame?: number;
  direction?: Direction;
}

/**
 * Jobs of this video: the ones I start, the ones already running when I arrive, and the ones
 * colleagues start (seen through job.progress). Progress comes from the websocket, with polling
 * as a fallback while any job is active.
 */
export function useJobs(videoId: number, frameCount: number, onFinished: (job: TrackedJob) => void) {
  const [jobs, setJobs] = useState<Record<number, TrackedJob>>({});
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;
  const announced = useRef(new Set<number>());

  const upsert = useCallback((id: number, patch: Partial<TrackedJob>) => {
    setJobs((old) => {
      const prev: TrackedJob = old[id] ?? { id, kind: patch.kind ?? "job", status: "running", progress: 0, frame: null, error: "", mine: false };
      // a late progress event must not revive a finished job
      if (!isJobActive(prev) && patch.status && isJobActive({ status: patch.status })) return old;
      return { ...old, [id]: { ...prev, ...patch } };
    });
  }, []);

  // announce each finished job once, then let its bar linger a moment before removing it
  useEffect(() => {
    for (const j of Object.values(jobs)) {
      if (isJobActive(j) || announced.current.has(j.id)) continue;
      announced.current.add(j.id);
      finishedRef.current(j);
      window.setTimeout(() => {
        setJobs((o) => {
          const rest = { ...o };
          delete rest[j.id];
          return rest;
        });
      }, 4000);
    }
  }, [jobs]);

  // jobs already running (a colleague's, or mine from before a reload or a reconnect)
  const loadActive = useCallback(() => {
    api
      .videoJobs(videoId)
      .then((list) => {
        for (const j of list) if (isJobActive(j)) upsert(j.id, fromJob(j));
      })
      .catch(() => undefined);
  }, [videoId, upsert]);
  useEffect(loadActive, [loadActive]);

  const active = Object.values(jobs).filter(isJobActive);
  useInterval(
    () => {
      for (const j of active) {
        api
          .job(j.id)
          .then((fresh) => upsert(fresh.id, fromJob(fresh)))
          .catch(() => undefined);
      }
    },
    2000,
    active.length > 0,
  );

  const startPropagation = useCallback(
    async (masklets: number[], startFrame: number, direction: Direction, maxFrames: number, role: ModelRole | null = null) => {
      const { job } = await api.propagate(videoId, { masklets, start_frame: startFrame, direction, max_frames: maxFrames, role });
      upsert(job, {
        kind: "propagate",
        status: "queued",
        mine: true,
        startFrame,
        direction,
        range: propagationRange(startFrame, direction, maxFrames, frameCount),
      });
      return job;
    },
    [videoId, frameCount, upsert],
  );

  const startAutomasklets = useCallback(
    async (role: ModelRole | null = null) => {
      const { job } = await api.automasklets(videoId, role ? { role } : {});
      upsert(job, { kind: "automask", status: "queued", mine: true });
      return job;
    },
    [videoId, upsert],
  );

  /** A concept prompt: every instance of `text` in frames first..last (inclusive) proposed. */
  const startConcept = useCallback(
    async (text: string, first: number, last: number) => {
      const job = await api.concepts(videoId, { text, first_frame: first, last_frame: last });
      upsert(job.id, { kind: "concept", status: job.status, mine: true });
      return job.id;
    },
    [videoId, upsert],
  );

  const cancel = useCallback(
    async (id: number) => {
      // A queued job is cancelled at once; a running one goes on until its worker stops it
      // (within a frame) and job.finished says so: show what the server says, not a guess.
      const answer = await api.cancelJob(id);
      upsert(id, { status: answer.status });
      return answer.status;
    },
    [upsert],
  );

  /** The job Escape cancels: my most recent active one, else any active one. */
  const cancellable = (): TrackedJob | undefined => {
    const act = Object.values(jobs).filter(isJobActive).sort((a, b) => b.id - a.id);
    return act.find((j) => j.mine) ?? act[0];
  };

  const onProgress = useCallback(
    (e: JobProgressEvent) =>
      upsert(e.job, { kind: e.kind, progress: e.progress, frame: e.frame ?? null, status: "running" }),
    [upsert],
  );
  const onFinishedEvent = useCallback(
    (e: JobFinishedEvent) => {
      // the event's schema says string; the server sends the job's final JobStatus (annotation/models/jobs.py)
      const status = e.status as JobStatus;
      upsert(e.job, status === "succeeded" ? { kind: e.kind, status, progress: 1 } : { kind: e.kind, status, error: e.error ?? "" });
    },
    [upsert],
  );

  return { jobs: Object.values(jobs), loadActive, startPropagation, startAutomasklets, startConcept, cancel, cancellable, onProgress, onFinishedEvent };
}

function fromJob(j: Job): Partial<TrackedJob> {
  return { kind: j.kind, status: j.status, progress: j.progress ?? 0, error: j.error ?? "" };
}
