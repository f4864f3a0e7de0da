import { useState, type FormEvent } from "react";
import { asApiError } from "../hooks";
import { api } from "../lib/endpoints";
import type { TaskActivity } from "../lib/types";

export interface ActivityFeed {
  entries: TaskActivity[] | null;
  error: string | null;
  reload: () => void;
}

const WHAT: Record<string, string> = {
  start: "started the task",
  submit: "submitted it for review",
  accept: "accepted it",
  reject: "sent it back",
};

/** The task's conversation and history: state changes, the reviewer's comments, messages; who and when. */
export function ActivityPanel({ taskId, feed }: { taskId: number; feed: ActivityFeed }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      await api.commentTask(taskId, text.trim());
      setText("");
      setError(null);
      feed.reload();
    } catch (err) {
      setError(asApiError(err).fullMessage);
    }
  };
  return (
    <div className="panel" data-testid="activity-panel">
      <h3>Activity</h3>
      {feed.error ? <div className="error-line">{feed.error}</div> : null}
      <ol className="activity-list" data-testid="activity-list">
        {(feed.entries ?? []).map((a, i) => (
          <li key={i} data-testid="activity-entry" data-kind={a.kind} data-action={a.action}>
            <span className="muted" title={a.created_at}>
              {new Date(a.created_at).toLocaleString()}
            </span>{" "}
            <b>{a.user ?? (a.kind === "created" ? "" : "someone")}</b>{" "}
            {a.kind === "created" ? "task created" : a.kind === "transition" ? WHAT[a.action] ?? a.action : "said"}
            {a.text ? <div className="activity-text">{a.text}</div> : null}
          </li>
        ))}
      </ol>
      <form className="inline-form" onSubmit={send}>
        <label className="grow">
          <span className="sr-only">Message to the task's members</span>
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder="write to the task's members" data-testid="activity-text" />
        </label>
        <button type="submit" disabled={!text.trim()} data-testid="activity-send">
          Send
        </button>
      </form>
      {error ? <div className="error-line">{error}</div> : null}
    </div>
  );
}
