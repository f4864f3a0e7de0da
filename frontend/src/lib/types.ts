/**
 * Shapes of the Masklet REST API as the app uses them. Each one the server documents is an alias
 * of the type generated from its OpenAPI schema (src/api/schema.d.ts, written by `make api-types`);
 * what is written here only states a field more precisely than the schema can (a JSON field, a
 * method field) and must still fit the schema's type. Frame indices are annotated-frame indices.
 */
import type { components, paths } from "../api/schema";
import type { BBox, Rle } from "./rle";

type Schemas = components["schemas"];

/**
 * What a DRF output serializer sends: every declared field, always, nested ones included
 * (drf-spectacular marks a field with a model default optional, which holds for requests only).
 */
export type Out<T> = T extends readonly (infer U)[] ? Out<U>[] : T extends object ? { [K in keyof T]-?: Out<T[K]> } : T;

/** `T` with some fields stated precisely; each must fit the schema's type for that field. */
type Refine<T, R extends { [K in keyof R]: K extends keyof T ? T[K] : never }> = Omit<T, keyof R> & R;

/** The JSON body of an operation's 200 answer. */
type Answer<P extends keyof paths, M extends "get" | "post"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer B } } };
}
  ? Out<B>
  : never;

export type Role = Out<Schemas["MemberOut"]>["role"];
export type VideoStatus = Out<Schemas["VideoOut"]>["status"];
export type MaskletStatus = Out<Schemas["MaskletOut"]>["status"];
export type MaskletOrigin = Out<Schemas["MaskletOut"]>["origin"];
export type MaskSource = Out<Schemas["MaskOut"]>["source"];
export type JobStatus = Out<Schemas["JobOut"]>["status"];
export type TaskState = Out<Schemas["TaskOut"]>["state"];
export type Direction = NonNullable<Schemas["PropagationInRequest"]["direction"]>;
export type TaskAction = Schemas["TransitionInRequest"]["action"];

export type User = Out<Schemas["UserOut"]> & {
  /** sent by GET /api/auth/me/ only (MeOut): a site admin */
  is_staff?: boolean;
  /** sent by GET /api/auth/me/ only (MeOut): a one-time password to change before anything else */
  password_change_required?: boolean;
};
export type Me = Out<Schemas["MeOut"]>;

// Accounts: API tokens, invitations, accounts made by managers.
export type ApiToken = Out<Schemas["ApiTokenOut"]>;
export type NewToken = Out<Schemas["NewTokenOut"]>;
export type Invitation = Out<Schemas["InvitationOut"]>;
export type NewInvitation = Out<Schemas["NewInvitationOut"]>;
export type InvitationPublic = Out<Schemas["InvitationPublicOut"]>;
export type NewAccount = Out<Schemas["AccountOut"]>;
export type Joined = Out<Schemas["JoinedOut"]>;

export type BackendStatus = Answer<"/api/status/", "get">;

export type Project = Refine<Out<Schemas["ProjectOut"]>, { my_role: Role | null }>;
export type Membership = Out<Schemas["MemberOut"]>;
export type Label = Out<Schemas["LabelOut"]>;
/** One attribute of a label's schema (text, select with options, checkbox). */
export type AttributeSpec = Out<Schemas["AttributeSpec"]>;

/** A video; width and height are null until ingest has read the file (status "ready" has them). */
export type Video = Out<Schemas["VideoOut"]>;
export type ReadyVideo = Video & { width: number; height: number };

export function isReadyVideo(video: Video): video is ReadyVideo {
  return video.status === "ready" && video.width != null && video.height != null;
}

export type Masklet = Out<Schemas["MaskletOut"]>;

/** A mask as the API answers it (MaskOut); `rle` and `bbox` are JSON fields the schema leaves open. */
export type FrameMask = Refine<Out<Schemas["MaskOut"]>, { rle: Rle; bbox: BBox }>;
/** A mask the browser holds: without `score`, which neither a prompt's answer nor my own edit carries. */
export type StoredMask = Omit<FrameMask, "score">;

export type TimelineFrame = [frame: number, source: MaskSource, area: number];

export interface TimelineRow {
  id: number;
  frames: TimelineFrame[];
  prompt_frames: number[];
}

/** GET /api/videos/{id}/timeline/ (annotation/selectors/videos.py: timeline_of); rows typed as tuples. */
export type TimelineSummary = Refine<Answer<"/api/videos/{id}/timeline/", "get">, { masklets: TimelineRow[] }>;

/** POST /api/masklets/{id}/prompts/ (inference/bridge/clicks.py: answer_prompt); masks typed precisely. */
export type PromptResult = Refine<Answer<"/api/masklets/{id}/prompts/", "post">, { rle: Rle; mask: StoredMask }>;

export type Job = Out<Schemas["JobOut"]>;
export type JobRef = Out<Schemas["JobRef"]>;
export type Task = Out<Schemas["TaskOut"]>;
export type ExportRecord = Out<Schemas["ExportOut"]>;
export type ExportBody = Schemas["ExportInRequest"];
export type ExportFormat = ExportBody["format"];
export type Webhook = Out<Schemas["WebhookOut"]>;
export type NewWebhook = Out<Schemas["WebhookCreatedOut"]>;
export type WebhookBody = Schemas["WebhookInRequest"];
export type WebhookEvent = WebhookBody["events"][number];
export type WebhookDelivery = Out<Schemas["WebhookDeliveryOut"]>;
export type Effort = Out<Schemas["EffortOut"]>;
export type EffortRow = Out<Schemas["EffortRowOut"]>;
export type EffortGroup = Effort["group"];
/** One entry of a task's activity feed (GET /api/tasks/{id}/activity/). */
export type TaskActivity = Out<Schemas["TaskActivityOut"]>;
export type Session = Out<Schemas["SessionOut"]>;

export type IssueComment = Out<Schemas["CommentOut"]>;

/** Automated QA (annotation/evaluation/qa.py) and ground-truth quality reports. */
export type QAFlag = Out<Schemas["QAFlagOut"]>;
export type QAFlagKind = QAFlag["kind"];
export type ReviewQueueItem = Out<Schemas["ReviewQueueItemOut"]>;
export type GroundTruth = Out<Schemas["GroundTruthOut"]>;
export type QualityReport = Out<Schemas["QualityReportOut"]>;
export type ReviewIssue = Refine<Out<Schemas["IssueOut"]>, { position: [number, number] | null }>;

// Request bodies.
export type ProjectCreate = Schemas["ProjectInRequest"];
export type MaskletPatch = Schemas["PatchedMaskletPatchRequest"];
export type PromptRequest = Schemas["PromptInRequest"];
export type PropagationBody = Schemas["PropagationInRequest"];
export type ConceptBody = Schemas["ConceptInRequest"];
export type AutomaskletsBody = Schemas["AutomaskletsInRequest"];
export type TaskCreate = Schemas["TaskInRequest"];
export type TaskPatch = Schemas["PatchedTaskPatchRequest"];
export type IssueCreate = Schemas["IssueInRequest"];

export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ["queued", "running"];

export function isJobActive(job: Pick<Job, "status">): boolean {
  return ACTIVE_JOB_STATUSES.includes(job.status);
}

/** An automatic masklet still waiting for an annotator to accept (PATCH draft) or discard it. */
export function isPendingAutoMasklet(m: Masklet): boolean {
  return m.origin === "auto" && m.status === "needs_verification";
}

/** A concept (text prompt) proposal still waiting to be accepted or discarded, as automatic ones. */
export function isPendingConceptMasklet(m: Masklet): boolean {
  return m.origin === "concept" && m.status === "needs_verification";
}

/** Any proposal (automatic or concept) still waiting for review. */
export function isPendingProposal(m: Masklet): boolean {
  return isPendingAutoMasklet(m) || isPendingConceptMasklet(m);
}

/** A model role the operator maps to an installed model (GET /api/status/ `roles`). */
export type ModelRole = Schemas["ModelRoleEnum"];
export type RoleStatus = BackendStatus["roles"][number];

/**
 * The roles a user may pick for clicks and jobs: the rapid and accurate roles the operator mapped,
 * offered only when they name more than one model (else there is nothing to choose).
 */
export function pickableRoles(status: BackendStatus | null): RoleStatus[] {
  const mapped = (status?.roles ?? []).filter((r) => r.role !== "concept" && r.model);
  return new Set(mapped.map((r) => r.model)).size > 1 ? mapped : [];
}
