"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { HealthSample } from "@/lib/endpoints/health-history";
import { formatClock } from "@/lib/format/time";

const SERIES = [
  { key: "workersRunning", name: "Workers running", color: "var(--color-success)", dash: undefined },
  { key: "workersTotal", name: "Workers total", color: "var(--color-muted-foreground)", dash: "4 3" },
  { key: "jobsInQueue", name: "Jobs in queue", color: "var(--color-warning)", dash: undefined },
  { key: "jobsInProgress", name: "Jobs in progress", color: "oklch(0.62 0.16 255)", dash: undefined },
] as const;

/** Workers and queue per poll; a gap where /health could not be read. */
export function HealthChart({ samples }: { samples: HealthSample[] }) {
  return (
    <figure
      className="grid gap-2"
      aria-label="Workers and queue over time"
      data-testid="health-chart"
      data-samples={samples.length}
    >
      <div className="h-64 w-full text-xs">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={samples} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
            <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
            <XAxis
              dataKey="at"
              tickFormatter={(at) => formatClock(Number(at))}
              stroke="var(--color-muted-foreground)"
              minTickGap={40}
            />
            <YAxis allowDecimals={false} stroke="var(--color-muted-foreground)" />
            <Tooltip
              labelFormatter={(at) => formatClock(Number(at))}
              contentStyle={{
                background: "var(--color-popover)",
                border: "1px solid var(--color-border)",
                borderRadius: 6,
                color: "var(--color-popover-foreground)",
              }}
            />
            <Legend />
            {SERIES.map((series) => (
              <Line
                key={series.key}
                type="stepAfter"
                dataKey={series.key}
                name={series.name}
                stroke={series.color}
                strokeDasharray={series.dash}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-muted-foreground">
        {samples.length} sample{samples.length === 1 ? "" : "s"}. The tracker stores samples while jobs run or someone
        watches; this page adds one every 3 seconds while it is open.
      </figcaption>
    </figure>
  );
}
