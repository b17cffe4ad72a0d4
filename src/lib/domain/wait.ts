/**
 * How long someone must wait, in words, for messages that ask them to try again later
 * (throttling, two-factor codes, the forum's posting limits).
 * @example describeWait(45) // "45 seconds"
 * @example describeWait(61) // "2 minutes"
 */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hours`;
}
