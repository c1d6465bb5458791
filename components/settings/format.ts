// Only app/(console)/settings/{audit,members}/page.tsx still import this path (outside this change's reach); once they
// import @/lib/format/time themselves, this file goes.
export { formatDay, formatInstant, formatRelative as formatAgo } from "@/lib/format/time";
