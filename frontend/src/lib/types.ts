/** Shapes of the Masklet REST API (see shared/API.md). Frame indices are annotated-frame indices. */
import type { Rle } from "./rle";

export type Role = "manager" | "annotator" | "reviewer";
export type VideoStatus = "uploaded" | "processing" | "ready" | "failed";
export type MaskletStatus = "draft" | "needs_verification" | "verified" | "rejected";
export type MaskletOrigin = "manual" | "auto" | "imported";
export type MaskSource = "prompt" | "propagated" | "auto" | "edited" | "imported";
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";
export type TaskState = "new" | "in_progress" | "submitted" | "accepted" | "rejected";
export type Direction = "forward" | "backward" | "both";

export interface User {
  id: number;
  username: string;
  is_staff?: boolean;
}

export interface BackendStatus {
  backend: string;
  backend_label: string;
  version: string;
}

export interface Project {
  id: number;
  name: string;
  description: string;
  annotation_fps: number | null;
  my_role: Role | null;
  created_at: string;
}

export interface Membership {
  id: number;
  user: User;
  role: Role;
}

export interface Label {
  id: number;
  name: string;
  color: string;
}

export interface Video {
  id: number;
  project: number;
  name: string;
  status: VideoStatus;
  error: string;
  width: number;
  height: number;
  source_fps: number | null;
  annotation_fps: number | null;
  frame_count: number;
  frame_times: number[] | null;
  job: number | null;
  /** while the ingest job waits: its place among the jobs waiting on the cpu queue (1 = next) */
  queue_position: number | null;
  thumbnail_url: string | null;
  display_width: number | null;
  display_height: number | null;
}

export interface Masklet {
  id: number;
  video: number;
  number: number;
  name: string;
  label: number | null;
  status: MaskletStatus;
  origin: MaskletOrigin;
  version: number;
  created_by: number | null;
  review_comment: string;
}

export interface StoredMask {
  masklet: number;
  frame: number;
  rle: Rle;
  bbox: [number, number, number, number];
  area: number;
  source: MaskSource;
  version: number;
}

export type TimelineFrame = [frame: number, source: MaskSource, area: number];

export interface TimelineRow {
  id: number;
  frames: TimelineFrame[];
  prompt_frames: number[];
}

export interface TimelineSummary {
  frame_count: number;
  masklets: TimelineRow[];
}

export interface PromptResult {
  frame: number;
  rle: Rle;
  score: number;
  backend: string;
  mask: StoredMask;
}

export interface Job {
  id: number;
  kind: string;
  status: JobStatus;
  /** while the job waits: its place among the jobs waiting on its queue (1 = next) */
  queue_position: number | null;
  progress: number;
  error: string;
  result: unknown;
  video: number | null;
}

export interface Task {
  id: number;
  project: number;
  video: number;
  video_name: string;
  frame_start: number;
  frame_end: number;
  assignee: number | null;
  assignee_name: string | null;
  reviewer: number | null;
  reviewer_name: string | null;
  state: TaskState;
  /** fraction done, when the server reports it */
  progress?: number;
  masklet_count?: number;
}

export interface IssueComment {
  author: string | number;
  text: string;
  created_at: string;
}

export interface ReviewIssue {
  id: number;
  frame: number;
  masklet: number | null;
  position: [number, number] | null;
  text: string;
  resolved: boolean;
  author: string | number;
  created_at: string;
  comments: IssueComment[];
}

export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ["queued", "running"];

export function isJobActive(job: Pick<Job, "status">): boolean {
  return ACTIVE_JOB_STATUSES.includes(job.status);
}

/** An automatic masklet still waiting for an annotator to accept (PATCH draft) or discard it. */
export function isPendingAutoMasklet(m: Masklet): boolean {
  return m.origin === "auto" && m.status === "needs_verification";
}
