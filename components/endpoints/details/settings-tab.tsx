import { EndpointSettingsEditor } from "@/components/endpoints/settings-editor";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { EndpointSpec } from "@/lib/novita/types";

export function SettingsTab({
  endpointId,
  spec,
  canEdit,
  canReveal,
}: {
  endpointId: string;
  spec: EndpointSpec;
  canEdit: boolean;
  canReveal: boolean;
}) {
  return (
    <Card>
      <CardHeader className="px-4 sm:px-6">
        <CardTitle>
          <h2>Settings</h2>
        </CardTitle>
        <CardDescription>
          Image, scaling, environment and storage. GPU type and system disk are fixed once the endpoint exists.
        </CardDescription>
      </CardHeader>
      <CardContent className="px-4 sm:px-6">
        <EndpointSettingsEditor endpointId={endpointId} spec={spec} canEdit={canEdit} canReveal={canReveal} />
      </CardContent>
    </Card>
  );
}
