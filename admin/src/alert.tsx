/** A failure as the app shows it: one alert line, read out by screen readers; nothing when there is none. */
export function Alert({ message }: { message: string }) {
  return message ? (
    <p class="error" role="alert">
      {message}
    </p>
  ) : null;
}

/** What went wrong, as text: an Error's message, or the thing itself. */
export const messageOf = (failure: unknown): string => (failure instanceof Error ? failure.message : String(failure));
