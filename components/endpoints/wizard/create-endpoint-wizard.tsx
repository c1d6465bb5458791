"use client";

import { WithEndpointOptions } from "@/components/endpoints/fields/options-state";
import { EndpointWizardForm } from "./endpoint-wizard-form";

/** The create wizard once the account's limits and choices are known (the form's schema is built from them). */
export function CreateEndpointWizard() {
  return <WithEndpointOptions>{(options) => <EndpointWizardForm options={options} />}</WithEndpointOptions>;
}
