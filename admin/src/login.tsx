import { useState } from 'preact/hooks';
import { api, type Session } from './api';
import { Alert, messageOf } from './alert';

export function LoginPage({ onLogin }: { onLogin: (session: Session) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      onLogin(await api<Session>('/api/admin/login', { method: 'POST', body: { user: String(form.get('user') ?? ''), password: String(form.get('password') ?? '') } }));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="login" onSubmit={submit}>
      <h1>Aisle admin</h1>
      <label>
        User name
        <input name="user" autocomplete="username" required autofocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <Alert message={error} />
      <button type="submit" disabled={busy}>
        Log in
      </button>
    </form>
  );
}
