/**
 * Generated from events.schema.json by json-schema-to-typescript (`make api-types`). Do not edit by hand.
 */

/**
 * An event the server sends on /ws/videos/{id}/ (annotation/realtime/events.py).
 */
export type RealtimeEvent =
  | PresenceEvent
  | MaskUpdatedEvent
  | MaskletChangedEvent
  | JobProgressEvent
  | JobFinishedEvent
  | ReviewChangedEvent
  | QAUpdatedEvent
  | VideoChangedEvent
  | MembershipChangedEvent
  | ErrorEvent;

export interface PresenceEvent {
  type: "presence";
  video: number;
  users: PresenceUser[];
}
export interface PresenceUser {
  id: number;
  username: string;
  frame: number | null;
}
export interface MaskUpdatedEvent {
  type: "mask.updated";
  video: number;
  masklet: number;
  frames: number[];
  versions: number[];
  areas: number[];
  source: "prompt" | "propagated" | "auto" | "edited" | "imported";
  user: number | null;
}
export interface MaskletChangedEvent {
  type: "masklet.changed";
  video: number;
  masklet: number;
  action: "created" | "updated" | "deleted";
  version: number;
}
export interface JobProgressEvent {
  type: "job.progress";
  video: number;
  job: number;
  kind: string;
  progress: number;
  frame: number | null;
}
export interface JobFinishedEvent {
  type: "job.finished";
  video: number;
  job: number;
  kind: string;
  status: string;
  error: string;
}
export interface ReviewChangedEvent {
  type: "review.changed";
  video: number;
  issue: number | null;
  task: number | null;
  masklet: number | null;
}
/**
 * The video's automated QA flags changed (a QA run, or an edit that cleared some): `flags`
 * is how many the video has now; GET /api/videos/{id}/qa-flags/ lists them.
 */
export interface QAUpdatedEvent {
  type: "qa.updated";
  video: number;
  flags: number;
}
export interface VideoChangedEvent {
  type: "video.changed";
  video: number;
  status: string;
}
/**
 * The socket's user still belongs to the video's project, now with `role` (a user removed
 * from the project is not told: their socket closes with 4403).
 */
export interface MembershipChangedEvent {
  type: "membership.changed";
  video: number;
  project: number;
  role: "manager" | "annotator" | "reviewer";
}
/**
 * The answer to a client message the server cannot take (malformed, too large, too many, or
 * failing); the connection stays open. Sent to that socket only, never broadcast.
 */
export interface ErrorEvent {
  type: "error";
  detail: string;
}
