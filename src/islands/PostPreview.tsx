/**
 * Live personal-data check and preview on the forum's post forms (progressive enhancement,
 * client:idle).
 *
 * As the writer types (debounced), the title and message run through the same pure guard the
 * server uses, and a warning says what was found; the message is also rendered by the server
 * (POST /forum/preview), so the live preview is exactly what would be posted, sanitised the
 * same way. The server still checks on submit, and the forms work fully without this island
 * (the "Preview" button).
 */
import { useEffect, useState } from 'preact/hooks';
import { SAFEGUARDING_MESSAGE, checkPersonalData, guardMessages } from '../lib/domain/forum/guard.ts';

interface Props {
  /** Id of the message textarea. */
  bodyId: string;
  /** Id of the title input, on forms that have one. */
  titleId?: string | undefined;
  /** Id for the live region, which the textarea's aria-describedby names. */
  liveId: string;
}

interface Found {
  part: 'title' | 'message';
  messages: string[];
  safeguarding: boolean;
  /** Refused outright, or may be sent to a moderator. */
  outcome: 'refuse' | 'hold';
}

const DELAY_MS = 600;

function check(part: Found['part'], text: string): Found | null {
  if (!text.trim()) return null;
  const result = checkPersonalData(text);
  if (result.ok) return null;
  const messages = guardMessages(result).filter((m) => m !== SAFEGUARDING_MESSAGE);
  return { part, messages, safeguarding: result.safeguarding, outcome: result.outcome };
}

/** The server's rendering of the message, or null when it could not be had. */
async function renderOnServer(text: string, signal: AbortSignal): Promise<string | null> {
  const response = await fetch('/forum/preview', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ body: text }),
    signal,
  });
  if (!response.ok) return null;
  const data = (await response.json()) as { html?: unknown };
  return typeof data.html === 'string' ? data.html : null;
}

export default function PostPreview({ bodyId, titleId, liveId }: Props) {
  const [found, setFound] = useState<Found[]>([]);
  const [preview, setPreview] = useState<string | null>(null);

  useEffect(() => {
    const body = document.getElementById(bodyId) as HTMLTextAreaElement | null;
    const title = titleId ? (document.getElementById(titleId) as HTMLInputElement | null) : null;
    if (!body) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: AbortController | undefined;
    const run = () => {
      const results = [title ? check('title', title.value) : null, check('message', body.value)].filter((r): r is Found => r !== null);
      setFound(results);
      inFlight?.abort();
      if (!body.value.trim()) {
        setPreview(null);
        return;
      }
      inFlight = new AbortController();
      renderOnServer(body.value, inFlight.signal)
        .then(setPreview)
        .catch(() => undefined); // aborted by newer typing, or offline: the Preview button still works
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(run, DELAY_MS);
    };
    body.addEventListener('input', schedule);
    title?.addEventListener('input', schedule);
    return () => {
      clearTimeout(timer);
      inFlight?.abort();
      body.removeEventListener('input', schedule);
      title?.removeEventListener('input', schedule);
    };
  }, [bodyId, titleId]);

  const safeguarding = found.some((f) => f.safeguarding);
  return (
    <>
    <div id={liveId} class="forum-live" aria-live="polite">
      {safeguarding && (
        <div class="forum-safeguarding">
          <p>
            <strong>{SAFEGUARDING_MESSAGE}</strong>
          </p>
        </div>
      )}
      {found.some((f) => f.messages.length > 0) && (
        <div class="forum-guard forum-guard--live">
          <p>
            <strong>
              {found.some((f) => f.outcome === 'refuse')
                ? 'Check before you post: this identifies someone, so it cannot be posted.'
                : 'Check before you post: this may identify a family because…'}
            </strong>
          </p>
          <ul>
            {found.flatMap((f) =>
              f.messages.map((m) => (
                <li key={`${f.part}-${m}`}>
                  {f.part === 'title' ? 'Title: ' : ''}
                  {m}
                </li>
              )),
            )}
          </ul>
          {!found.some((f) => f.outcome === 'refuse') && <p>You can change your text, or post it and then choose to send it to a moderator to check.</p>}
          <p>
            The forum is never for case information. See the <a href="/guidance/information-sharing/">information sharing guidance</a>.
          </p>
        </div>
      )}
    </div>
    {/* Outside the live region: a screen reader should not read the whole preview at every pause. */}
    {preview !== null && (
      <section class="forum-preview forum-preview--live" aria-label="Live preview">
        <p class="forum-preview__title"><strong>Live preview</strong></p>
        {/* Sanitised on the server by the same renderer as posts. */}
        <div class="forum-post__body" dangerouslySetInnerHTML={{ __html: preview }} />
      </section>
    )}
    </>
  );
}
