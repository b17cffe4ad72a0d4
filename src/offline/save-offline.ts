/**
 * The "Save guidance for offline use" and "Remove offline guidance" buttons. Runs only where
 * service workers exist; elsewhere, and with JavaScript off, the controls stay hidden and
 * the site works as it always has.
 */
import {
  OFFLINE_META_CACHE,
  OFFLINE_SAVED_AT_KEY,
  OFFLINE_SIZE_URL,
  SERVICE_WORKER_URL,
  formatBytes,
} from '../lib/domain/offline/model.ts';

const SAVED_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** When the guidance was saved on this device, or null if it is not. */
export async function offlineSavedAt(): Promise<Date | null> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  if (!registration?.active) return null;
  const stored = await (await caches.open(OFFLINE_META_CACHE)).match(OFFLINE_SAVED_AT_KEY);
  const date = stored ? new Date(await stored.text()) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** Unregisters the service worker and deletes everything it stored. */
export async function removeOfflineGuidance(): Promise<void> {
  for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  for (const key of await caches.keys()) await caches.delete(key);
}

/** Waits until `registration` has an active worker, or its install fails. */
function activated(registration: ServiceWorkerRegistration): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = registration.installing ?? registration.waiting ?? registration.active;
    if (!worker || worker.state === 'activated') return resolve();
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve();
      if (worker.state === 'redundant') reject(new Error('The guidance could not be saved'));
    });
  });
}

function setUp(section: HTMLElement): void {
  const status = section.querySelector<HTMLElement>('[data-offline-status]')!;
  const size = section.querySelector<HTMLElement>('[data-offline-size]')!;
  const save = section.querySelector<HTMLButtonElement>('[data-offline-save]')!;
  const remove = section.querySelector<HTMLButtonElement>('[data-offline-remove]')!;

  const show = (saved: Date | null, message?: string) => {
    status.textContent = message ?? (saved ? `Guidance is saved on this device. Saved on ${SAVED_DATE.format(saved)}.` : 'Guidance is not saved on this device.');
    save.textContent = saved ? 'Save the latest guidance again' : 'Save guidance for offline use';
    remove.hidden = !saved;
  };

  save.addEventListener('click', async () => {
    save.disabled = true;
    show(null, 'Saving guidance on this device…');
    try {
      const registration = await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
      // "Save again" fetches a newer build's worker, if there is one.
      await registration.update().catch(() => undefined);
      await activated(registration);
      show(await offlineSavedAt());
    } catch {
      show(null, 'The guidance could not be saved. Check your connection and the space on this device, then try again.');
    } finally {
      save.disabled = false;
    }
  });

  remove.addEventListener('click', async () => {
    remove.disabled = true;
    await removeOfflineGuidance();
    remove.disabled = false;
    show(null, 'Offline guidance removed from this device.');
  });

  section.hidden = false;
  void offlineSavedAt().then((saved) => show(saved));
  void fetch(OFFLINE_SIZE_URL)
    .then((r) => (r.ok ? (r.json() as Promise<{ bytes: number; files: number }>) : null))
    .then((s) => {
      if (s) size.textContent = `Saving downloads about ${formatBytes(s.bytes)} (${s.files} files) to this device.`;
    })
    .catch(() => undefined);
}

if ('serviceWorker' in navigator && 'caches' in window) {
  document.querySelectorAll<HTMLElement>('[data-offline-section]').forEach(setUp);
  // After signing out on a shared device: offered only where guidance is saved.
  document.querySelectorAll<HTMLElement>('[data-offline-sign-out]').forEach((offer) => {
    void offlineSavedAt().then((saved) => {
      if (!saved) return;
      offer.hidden = false;
      const button = offer.querySelector<HTMLButtonElement>('button')!;
      const status = offer.querySelector<HTMLElement>('[data-offline-status]')!;
      button.addEventListener('click', async () => {
        button.disabled = true;
        await removeOfflineGuidance();
        button.hidden = true;
        status.textContent = 'Offline guidance removed from this device.';
      });
    });
  });
}
