import type { BackendStatus } from "../lib/types";

type Queue = BackendStatus["queues"][number];
type RoleRow = BackendStatus["roles"][number];
type Model = Queue["models"][number];

const QUEUE_NAMES: Record<string, string> = {
  interactive: "clicks",
  batch: "propagation, automatic masklets and text prompts",
  cpu: "ingest and exports",
};

function modelLine(model: Model): string {
  const sha = model.checkpoint_sha256 ? ` · sha256 ${model.checkpoint_sha256.slice(0, 12)}…` : "";
  const dtype = model.dtype ? ` ${model.dtype}` : "";
  return `${model.label} · ${model.device}${dtype}${sha}`;
}

function roleLine(role: RoleRow): string {
  const model = role.model ?? `any worker (${role.models.join(", ") || "none live"})`;
  return `${model}${role.model && !role.served ? " · no live worker" : ""}`;
}

function queueLine(queue: Queue): string {
  if (!queue.workers.length) return "no live worker";
  if (!queue.models.length) return `${queue.workers.length} worker(s), no model`;
  return queue.models.map(modelLine).join(" / ");
}

/** What answers clicks (from the live interactive workers' announcements, not the web process's
 * settings), with what each queue's live workers run in a popover. */
export function BackendBadge({ backend }: { backend: BackendStatus }) {
  return (
    <details className="backend-status" data-testid="backend-status">
      <summary
        className={`badge backend backend-${backend.backend}`}
        data-testid="backend-label"
        title={`inference backend ${backend.backend} ${backend.version}`}
      >
        {backend.backend_label}
      </summary>
      <ul className="backend-queues">
        {backend.queues.map((queue) => (
          <li key={queue.queue} data-testid={`backend-queue-${queue.queue}`}>
            <b>{queue.queue}</b> ({QUEUE_NAMES[queue.queue] ?? queue.queue}): {queueLine(queue)}
          </li>
        ))}
        {backend.roles.map((role) => (
          <li key={role.role} data-testid={`backend-role-${role.role}`} title={role.description}>
            role <b>{role.role}</b>: {roleLine(role)}
          </li>
        ))}
      </ul>
    </details>
  );
}
