/**
 * SNS rejects a Subject over 100 characters, or with line breaks or characters outside printable ASCII, failing
 * the whole publish. Every Notifier turns a subject into one SNS accepts, so local subscribers see what AWS's do.
 */
const MAX_SUBJECT_LENGTH = 100;

export const toSnsSubject = (subject: string): string =>
  subject.replace(/[^\x20-\x7e]/g, ' ').replace(/ {2,}/g, ' ').trim().slice(0, MAX_SUBJECT_LENGTH);
