import type { Job, Video } from "../../lib/types";

/** What the videos table shows about a video's ingest. */
export type IngestState =
  | { phase: "queued"; label: string; position: number | null }
  | { phase: "processing"; label: string; progress: number }
  | { phase: "settled"; label: string };

/**
 * "queued (position N)" while the video's ingest job waits behind other work on the cpu queue,
 * "processing" with the job's progress once it runs, else the video's own status. The ingest job
 * is polled more often than the video list, so what it says wins when it is known.
 */
export function ingestState(
  video: Pick<Video, "status" | "queue_position">,
  job?: Pick<Job, "status" | "progress" | "queue_position"> | null,
): IngestState {
  if (video.status !== "processing" && video.status !== "uploaded") return { phase: "settled", label: video.status };
  const waiting = job ? job.status === "queued" : video.queue_position != null;
  if (waiting) {
    const position = (job ? job.queue_position : null) ?? video.queue_position ?? null;
    return { phase: "queued", label: position != null ? `queued (position ${position})` : "queued", position };
  }
  return { phase: "processing", label: "processing", progress: job?.status === "running" ? job.progress : 0 };
}
