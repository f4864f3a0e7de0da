import { useEffect, useRef, useState } from "react";
import { RealtimeClient, videoSocketUrl, type ConnectionStatus, type PresenceUser, type RealtimeEvent } from "../lib/realtime";

/** The video's live channel: presence of colleagues, and every other event handed to `onEvent`. */
export function useRealtime(videoId: number, frame: number, onEvent: (e: RealtimeEvent) => void, onReconnect: () => void) {
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [users, setUsers] = useState<PresenceUser[]>([]);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const reconnect = useRef(onReconnect);
  reconnect.current = onReconnect;
  const clientRef = useRef<RealtimeClient | null>(null);

  useEffect(() => {
    const client = new RealtimeClient({
      url: videoSocketUrl(videoId),
      onEvent: (e) => {
        if (e.type === "presence") setUsers(uniqueUsers(e.users));
        else handler.current(e);
      },
      onStatus: setStatus,
      onReconnect: () => reconnect.current(),
    });
    clientRef.current = client;
    client.start();
    return () => {
      client.stop();
      clientRef.current = null;
    };
  }, [videoId]);

  useEffect(() => {
    clientRef.current?.setFrame(frame);
  }, [frame, videoId]);

  return { status, users };
}

/** One entry per person (several tabs show as one), the most recent position winning. */
function uniqueUsers(users: PresenceUser[]): PresenceUser[] {
  const byId = new Map<number, PresenceUser>();
  for (const u of users) {
    const prev = byId.get(u.id);
    if (!prev || u.frame != null) byId.set(u.id, u);
  }
  return [...byId.values()];
}
