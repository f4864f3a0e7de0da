import { useState, type FormEvent } from "react";
import { ErrorLine } from "../components/ErrorPage";
import { asApiError, useAuth } from "../hooks";
import type { ApiError } from "../lib/api";
import { api } from "../lib/endpoints";
import { navigate } from "../router";

export function LoginPage() {
  const { setUser } = useAuth();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login(username, password);
      const me = await api.me().catch(() => null);
      setUser(me ?? { id: 0, username });
      const next = new URLSearchParams(window.location.search).get("next");
      // only same-site paths ("//host" would leave the site)
      const safe = next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login");
      navigate(safe ? next : "/", { replace: true });
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <form className="card login-card" onSubmit={submit} data-testid="login-form">
        <h1>Masklet</h1>
        <p className="muted">Collaborative video segmentation</p>
        <label>
          Username
          <input data-testid="login-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          Password
          <input data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorLine error={error} />
        <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </button>
      </form>
    </div>
  );
}
