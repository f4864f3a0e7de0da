/** Change your password (POST /api/auth/password/). A one-time password a manager gave you must
 * be changed here before anything else works. */
import { useState, type FormEvent } from "react";
import { ErrorLine } from "../../components/ErrorPage";
import { asApiError, useAuth } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { api } from "../../lib/endpoints";
import { navigate } from "../../router";

export function PasswordPage() {
  const { user, setUser } = useAuth();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [done, setDone] = useState(false);
  const forced = Boolean(user?.password_change_required);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) {
      setError("The two new passwords differ.");
      return;
    }
    try {
      setError(null);
      await api.changePassword(current, next);
      setUser(await api.me());
      setDone(true);
      setCurrent("");
      setNext("");
      setRepeat("");
      if (forced) navigate("/", { replace: true });
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <div className="page narrow" data-testid="password-page">
      <h1>Change password</h1>
      {forced ? (
        <p role="alert" data-testid="password-change-required">
          Your account has a one-time password: choose your own password to continue.
        </p>
      ) : null}
      <form className="login-card" onSubmit={submit} data-testid="password-form">
        <label>
          Current password
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required data-testid="current-password" />
        </label>
        <label>
          New password
          <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={8} data-testid="new-password" />
        </label>
        <label>
          New password again
          <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required minLength={8} data-testid="repeat-password" />
        </label>
        <p className="muted">At least 8 characters, not only digits, not a common password, not like your username.</p>
        <ErrorLine error={error} />
        {done ? (
          <p role="status" data-testid="password-changed">
            Password changed.
          </p>
        ) : null}
        <button type="submit" className="primary" data-testid="change-password">
          Change password
        </button>
      </form>
    </div>
  );
}
