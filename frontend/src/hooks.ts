import { createContext, useCallback, useContext, useEffect, useRef, useState, type DependencyList } from "react";
import { ApiError } from "./lib/api";
import type { User } from "./lib/types";

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (update: T | ((old: T | undefined) => T)) => void;
}

export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, e instanceof Error ? e.message : String(e));
}

/** Load something from the API and keep it, with reload and optimistic local updates. */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const loader = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const v = await loader();
      if (mine === seq.current) {
        setDataState(() => v);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(asApiError(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [loader]);

  useEffect(() => {
    setDataState(undefined);
    void reload();
  }, [reload]);

  const setData = useCallback((update: T | ((old: T | undefined) => T)) => {
    setDataState((old) => (typeof update === "function" ? (update as (o: T | undefined) => T)(old) : update));
  }, []);

  return { data, error, loading, reload, setData };
}

export interface AuthState {
  user: User | null;
  setUser: (u: User | null) => void;
}

export const AuthContext = createContext<AuthState>({ user: null, setUser: () => {} });

export function useAuth(): AuthState {
  return useContext(AuthContext);
}

/** Run `fn` every `ms` while `active`. */
export function useInterval(fn: () => void, ms: number, active: boolean): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (!active) return;
    const id = window.setInterval(() => ref.current(), ms);
    return () => window.clearInterval(id);
  }, [ms, active]);
}
