import { Suspense, type ReactNode } from "react";
import { PageHeader } from "@/components/shell/page-header";

/**
 * A list page (endpoints, jobs, gallery): its header, then the list. The list keeps its filters in the URL (nuqs
 * reads them through useSearchParams), which wants a Suspense boundary around it.
 */
export function ListPage({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} actions={actions} />
      <Suspense>{children}</Suspense>
    </>
  );
}
