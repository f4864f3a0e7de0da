/** Typed calls to the Masklet API, one function per endpoint the app uses. */
import { http, uploadWithProgress, type UploadHandle } from "./api";
import type { Rle } from "./rle";
import type {
  ApiToken,
  AttributeSpec,
  AutomaskletsBody,
  ConceptBody,
  BackendStatus,
  Effort,
  EffortGroup,
  Invitation,
  InvitationPublic,
  IssueCreate,
  ExportBody,
  ExportRecord,
  Job,
  Joined,
  JobRef,
  Label,
  Masklet,
  MaskletPatch,
  Me,
  Membership,
  NewAccount,
  NewInvitation,
  NewToken,
  NewWebhook,
  Project,
  ProjectCreate,
  QAFlag,
  QualityReport,
  ReviewQueueItem,
  GroundTruth,
  PromptRequest,
  PromptResult,
  PropagationBody,
  ReviewIssue,
  Role,
  StoredMask,
  Session,
  Task,
  TaskAction,
  TaskActivity,
  TaskCreate,
  TaskPatch,
  TimelineSummary,
  User,
  Video,
  Webhook,
  WebhookBody,
  WebhookDelivery,
} from "./types";

export const api = {
  // auth
  csrf: () => http.ensureCsrf(true),
  me: () => http.get<Me>("/api/auth/me/"),
  /** who is logged in, or {user: null}: never a 401, so a page load logs no error */
  session: () => http.get<Session>("/api/auth/session/"),
  login: (username: string, password: string) => http.post<User>("/api/auth/login/", { username, password }),
  logout: () => http.post<void>("/api/auth/logout/"),
  status: () => http.get<BackendStatus>("/api/status/"),
  users: () => http.get<User[]>("/api/users/"),
  changePassword: (current_password: string, new_password: string) =>
    http.post<unknown>("/api/auth/password/", { current_password, new_password }),
  tokens: () => http.get<ApiToken[]>("/api/auth/tokens/"),
  createToken: (name: string) => http.post<NewToken>("/api/auth/tokens/", { name }),
  revokeToken: (id: number) => http.delete(`/api/auth/tokens/${id}/`),
  revokeAllTokens: () => http.delete("/api/auth/tokens/"),

  // accounts and invitations (managers)
  createAccount: (project: number, username: string, role: Role) =>
    http.post<NewAccount>("/api/accounts/", { username, project, role }),
  invitations: (project: number) => http.get<Invitation[]>(`/api/projects/${project}/invitations/`),
  invite: (project: number, role: Role, note: string) =>
    http.post<NewInvitation>(`/api/projects/${project}/invitations/`, { role, note }),
  revokeInvitation: (project: number, id: number) => http.delete(`/api/projects/${project}/invitations/${id}/`),
  invitation: (key: string) => http.get<InvitationPublic>(`/api/invitations/${encodeURIComponent(key)}/`),
  acceptInvitation: (key: string, body: { username?: string; password?: string }) =>
    http.post<Joined>(`/api/invitations/${encodeURIComponent(key)}/`, body),

  // projects
  projects: () => http.get<Project[]>("/api/projects/"),
  project: (id: number) => http.get<Project>(`/api/projects/${id}/`),
  createProject: (body: ProjectCreate) => http.post<Project>("/api/projects/", body),
  members: (project: number) => http.get<Membership[]>(`/api/projects/${project}/members/`),
  addMember: (project: number, user: string, role: Role) =>
    http.post<Membership>(`/api/projects/${project}/members/`, { user, role }),
  removeMember: (project: number, membership: number) => http.delete(`/api/projects/${project}/members/${membership}/`),
  labels: (project: number) => http.get<Label[]>(`/api/projects/${project}/labels/`),
  addLabel: (project: number, name: string, color: string) =>
    http.post<Label>(`/api/projects/${project}/labels/`, { name, color }),
  patchLabel: (id: number, body: { name?: string; color?: string; attributes?: AttributeSpec[] }) => http.patch<Label>(`/api/labels/${id}/`, body),
  deleteLabel: (id: number) => http.delete(`/api/labels/${id}/`),

  // videos
  videos: (project: number) => http.get<Video[]>(`/api/projects/${project}/videos/`),
  video: (id: number) => http.get<Video>(`/api/videos/${id}/`),
  deleteVideo: (id: number) => http.delete(`/api/videos/${id}/`),
  uploadVideo: (project: number, file: File, onProgress: (f: number) => void): UploadHandle => {
    const form = new FormData();
    form.append("file", file);
    return uploadWithProgress(`/api/projects/${project}/videos/`, form, onProgress);
  },
  frameUrl: (video: number, frame: number, full = false) => `/api/videos/${video}/frames/${frame}/${full ? "?size=full" : ""}`,

  // masklets and masks
  masklets: (video: number) => http.get<Masklet[]>(`/api/videos/${video}/masklets/`),
  createMasklet: (video: number, label: number | null, name = "") =>
    http.post<Masklet>(`/api/videos/${video}/masklets/`, { label, name }),
  patchMasklet: (id: number, body: MaskletPatch) => http.patch<Masklet>(`/api/masklets/${id}/`, body),
  deleteMasklet: (id: number) => http.delete(`/api/masklets/${id}/`),
  videoMasks: (video: number, start: number, end: number, signal?: AbortSignal) =>
    http.get<StoredMask[]>(`/api/videos/${video}/masks/?start=${start}&end=${end}`, signal),
  maskletMasks: (masklet: number, start: number, end: number) =>
    http.get<StoredMask[]>(`/api/masklets/${masklet}/masks/?start=${start}&end=${end}`),
  putMask: (masklet: number, frame: number, rle: Rle, version: number | null) =>
    http.put<StoredMask>(`/api/masklets/${masklet}/masks/${frame}/`, { rle, version }),
  timeline: (video: number) => http.get<TimelineSummary>(`/api/videos/${video}/timeline/`),
  prompt: (masklet: number, body: PromptRequest) => http.post<PromptResult>(`/api/masklets/${masklet}/prompts/`, body),

  // jobs
  propagate: (video: number, body: PropagationBody) => http.post<JobRef>(`/api/videos/${video}/propagations/`, body),
  automasklets: (video: number, body: AutomaskletsBody = {}) => http.post<JobRef>(`/api/videos/${video}/automasklets/`, body),
  concepts: (video: number, body: ConceptBody) => http.post<Job>(`/api/videos/${video}/concepts/`, body),
  job: (id: number) => http.get<Job>(`/api/jobs/${id}/`),
  cancelJob: (id: number) => http.post<Job>(`/api/jobs/${id}/cancel/`, {}),
  videoJobs: (video: number) => http.get<Job[]>(`/api/videos/${video}/jobs/`),

  // tasks
  projectTasks: (project: number) => http.get<Task[]>(`/api/projects/${project}/tasks/`),
  myTasks: () => http.get<Task[]>("/api/tasks/?mine=1"),
  task: (id: number) => http.get<Task>(`/api/tasks/${id}/`),
  createTask: (project: number, body: TaskCreate) => http.post<Task>(`/api/projects/${project}/tasks/`, body),
  patchTask: (id: number, body: TaskPatch) => http.patch<Task>(`/api/tasks/${id}/`, body),
  deleteTask: (id: number) => http.delete(`/api/tasks/${id}/`),
  taskActivity: (id: number) => http.get<TaskActivity[]>(`/api/tasks/${id}/activity/`),
  commentTask: (id: number, text: string) => http.post<TaskActivity[]>(`/api/tasks/${id}/activity/`, { text }),
  transition: (id: number, action: TaskAction, comment = "") =>
    http.post<Task>(`/api/tasks/${id}/transitions/`, { action, comment }),

  // delivery: exports and webhooks (managers)
  exports: (project: number) => http.get<ExportRecord[]>(`/api/projects/${project}/exports/`),
  startExport: (project: number, body: ExportBody) => http.post<JobRef>(`/api/projects/${project}/exports/`, body),
  webhooks: (project: number) => http.get<Webhook[]>(`/api/projects/${project}/webhooks/`),
  createWebhook: (project: number, body: WebhookBody) => http.post<NewWebhook>(`/api/projects/${project}/webhooks/`, body),
  patchWebhook: (id: number, body: Partial<WebhookBody>) => http.patch<Webhook>(`/api/webhooks/${id}/`, body),
  deleteWebhook: (id: number) => http.delete(`/api/webhooks/${id}/`),
  webhookDeliveries: (id: number) => http.get<WebhookDelivery[]>(`/api/webhooks/${id}/deliveries/`),
  // effort analytics (managers: the project; others: their own work) and the workspace's heartbeat
  effort: (project: number, group: EffortGroup) => http.get<Effort>(`/api/projects/${project}/effort/?group=${group}`),
  effortDownloadUrl: (project: number, group: EffortGroup, format: "csv" | "json") =>
    format === "csv" ? `/api/projects/${project}/effort.csv?group=${group}` : `/api/projects/${project}/effort/?group=${group}`,
  activity: (video: number, frame: number) => http.post<void>(`/api/videos/${video}/activity/`, { frame }),

  // review
  issues: (video: number) => http.get<ReviewIssue[]>(`/api/videos/${video}/issues/`),
  createIssue: (video: number, body: IssueCreate) => http.post<ReviewIssue>(`/api/videos/${video}/issues/`, body),
  resolveIssue: (id: number, resolved = true) => http.patch<ReviewIssue>(`/api/issues/${id}/`, { resolved }),
  commentIssue: (id: number, text: string) => http.post<unknown>(`/api/issues/${id}/comments/`, { text }),

  // automated QA, ground truth, quality reports
  qaFlags: (video: number) => http.get<QAFlag[]>(`/api/videos/${video}/qa-flags/`),
  runQA: (video: number) => http.post<JobRef>(`/api/videos/${video}/qa-flags/`, {}),
  reviewQueue: (project: number) => http.get<ReviewQueueItem[]>(`/api/projects/${project}/review-queue/`),
  groundTruth: (video: number) => http.get<GroundTruth>(`/api/videos/${video}/ground-truth/`),
  markGroundTruth: (video: number) => http.put<GroundTruth>(`/api/videos/${video}/ground-truth/`, {}),
  unmarkGroundTruth: (video: number) => http.delete(`/api/videos/${video}/ground-truth/`),
  qualityReport: (project: number) => http.get<QualityReport>(`/api/projects/${project}/quality-report/`),
};
