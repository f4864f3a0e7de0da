import { useEffect, useRef, useState } from "react";
import { RealtimeClient, type ConnectionStatus, type RealtimeEvent } from "../../lib/realtime";
import type { JobStatus } from "../../lib/types";

/** An ingest job's state as the project's live channel last told it. */
export interface PushedJob {
  status: JobStatus;
  progress: number;
}

export function projectSocketUrl(projectId: number, loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === "https:" ? "wss:" : "ws:"}//${loc.host}/ws/projects/${projectId}/`;
}

/**
 * The project page's live channel (`ws /ws/projects/{id}/`): task changes and video status reload
 * their lists; ingest progress arrives per job. After a reconnect everything is reloaded.
 */
export function useProjectLive(projectId: number, reload: { tasks: () => void; videos: () => void }) {
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [jobs, setJobs] = useState<Record<number, PushedJob>>({});
  const r = useRef(reload);
  r.current = reload;

  useEffect(() => {
    const onEvent = (e: RealtimeEvent) => {
      if (e.type === "review.changed") r.current.tasks();
      else if (e.type === "video.changed") r.current.videos();
      else if (e.type === "job.progress") setJobs((old) => ({ ...old, [e.job]: { status: "running", progress: e.progress } }));
      else if (e.type === "job.finished") {
        setJobs((old) => ({ ...old, [e.job]: { status: e.status as JobStatus, progress: 1 } }));
        r.current.videos();
      }
    };
    const client = new RealtimeClient({
      url: projectSocketUrl(projectId),
      onEvent,
      onStatus: setStatus,
      onReconnect: () => {
        r.current.tasks();
        r.current.videos();
      },
    });
    client.start();
    return () => client.stop();
  }, [projectId]);

  return { status, jobs };
}
