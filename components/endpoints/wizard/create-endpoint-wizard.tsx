"use client";

import { EndpointOptionsError, EndpointOptionsSkeleton } from "@/components/endpoints/fields/options-state";
import { useEndpointOptions } from "@/lib/hooks/use-endpoint-options";
import { EndpointWizardForm } from "./endpoint-wizard-form";

/** The create wizard once the account's limits and choices are known (the form's schema is built from them). */
export function CreateEndpointWizard() {
  const options = useEndpointOptions();
  // Once loaded, a failed background refresh keeps the form: unmounting it would throw away what is being typed.
  if (options.data) return <EndpointWizardForm options={options.data} />;
  if (options.isError) {
    return (
      <EndpointOptionsError
        message={options.error.message}
        onRetry={() => void options.refetch()}
        retrying={options.isFetching}
      />
    );
  }
  return <EndpointOptionsSkeleton />;
}
