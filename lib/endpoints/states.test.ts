import { describe, expect, it } from "vitest";
import { describeEndpointState, endpointStatusGroup } from "./states";

describe("describeEndpointState", () => {
  it("names each of Novita's states in plain words, with a colour and a filter group", () => {
    const seen = ["serving", "creating", "updating", "pending", "deleting", "stopped", "failed"].map((state) => {
      const { label, tone, group } = describeEndpointState(state);
      return [state, label, tone, group];
    });
    expect(seen).toEqual([
      ["serving", "Serving", "success", "serving"],
      ["creating", "Creating", "warning", "starting"],
      ["updating", "Updating", "warning", "starting"],
      ["pending", "Pending", "warning", "starting"],
      ["deleting", "Deleting", "secondary", "other"],
      ["stopped", "Stopped", "secondary", "other"],
      ["failed", "Failed", "destructive", "other"],
    ]);
  });

  it("reads states in any case and shows an unknown one as sent, neutral, as other", () => {
    expect(describeEndpointState("SERVING").label).toBe("Serving");
    expect(describeEndpointState("hibernating")).toMatchObject({
      label: "hibernating",
      tone: "secondary",
      group: "other",
    });
    expect(describeEndpointState("").label).toBe("Unknown");
    expect(endpointStatusGroup("Creating")).toBe("starting");
  });
});
