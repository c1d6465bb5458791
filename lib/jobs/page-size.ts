/** Rows per `/api/jobs` page unless the caller asks for another `limit`. Browser-safe, without zod. */
export const JOBS_PAGE_SIZE = 50;
