import type { ReactNode } from "react";
import { useAuth } from "../hooks";
import { api } from "../lib/endpoints";
import { Link, navigate } from "../router";

export function Layout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { user, setUser } = useAuth();
  const logout = async () => {
    try {
      await api.logout();
    } finally {
      setUser(null);
      navigate("/login");
    }
  };
  return (
    <div className={wide ? "app wide" : "app"}>
      <header className="topbar">
        <Link to="/" className="brand">
          Masklet
        </Link>
        <nav>
          <Link to="/">Projects</Link>
          <Link to="/tasks">My tasks</Link>
          {/* the server's own page (Swagger UI over /api/schema/), outside the app's router */}
          <a href="/api/docs/" target="_blank" rel="noreferrer" data-testid="nav-api-docs">
            API docs
          </a>
        </nav>
        <div className="spacer" />
        {user ? (
          <span className="whoami">
            <span data-testid="current-user">{user.username}</span>
            <Link to="/tokens" data-testid="nav-tokens">
              API tokens
            </Link>
            <Link to="/password" data-testid="nav-password">
              Password
            </Link>
            <button data-testid="logout" onClick={logout}>
              Log out
            </button>
          </span>
        ) : null}
      </header>
      <main>{children}</main>
    </div>
  );
}
