"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  useReactFlow,
  useStore,
  type Edge,
  type Node,
  type NodeProps,
} from "@xyflow/react";
import { useTheme } from "next-themes";
import { memo, useEffect, useMemo } from "react";
import { isOutputNode, nodeTitle, type ApiGraph } from "@/lib/comfyui/graph";
import { graphEdges, layoutGraph } from "@/lib/comfyui/layout";
import { cn } from "@/lib/utils/cn";

const FIT_VIEW_OPTIONS = { padding: 0.1, maxZoom: 1 };

const COLUMN_WIDTH = 240;
const ROW_HEIGHT = 84;

type ComfyNodeData = {
  id: string;
  title: string;
  classType: string;
  highlighted: boolean;
  output: boolean;
  fieldCount: number;
};
type ComfyFlowNode = Node<ComfyNodeData, "comfy">;

/** One node as a card: its title and class; the node a hovered form field writes into is outlined. */
const ComfyNode = memo(function ComfyNode({ data }: NodeProps<ComfyFlowNode>) {
  return (
    <div
      data-node-id={data.id}
      data-highlighted={data.highlighted || undefined}
      className={cn(
        "w-48 rounded-lg border bg-card px-3 py-2 text-left shadow-xs transition-[box-shadow,border-color]",
        data.output && "border-success/60",
        data.highlighted && "border-primary ring-4 ring-primary/30",
      )}
    >
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={false}
        className="!size-1.5 !border-0 !bg-muted-foreground"
      />
      <div className="flex items-center justify-between gap-2">
        <span className="truncate text-xs font-semibold text-card-foreground">{data.title}</span>
        <span className="shrink-0 font-mono text-[10px] text-muted-foreground">#{data.id}</span>
      </div>
      <div className="truncate font-mono text-[10px] text-muted-foreground">{data.classType}</div>
      {data.fieldCount ? (
        <div className="mt-1 text-[10px] text-primary">
          {data.fieldCount} form {data.fieldCount === 1 ? "field" : "fields"}
        </div>
      ) : null}
      <Handle
        type="source"
        position={Position.Right}
        isConnectable={false}
        className="!size-1.5 !border-0 !bg-muted-foreground"
      />
    </div>
  );
});

const NODE_TYPES = { comfy: ComfyNode };

/** A read-only picture of the workflow (pan and zoom only); `highlightedNodeId` follows the hovered form field. */
export function WorkflowGraph({
  graph,
  highlightedNodeId,
  fieldCounts,
  className,
}: {
  graph: ApiGraph;
  highlightedNodeId?: string;
  fieldCounts: Record<string, number>;
  className?: string;
}) {
  const { resolvedTheme } = useTheme();
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const edges = useMemo<Edge[]>(
    () =>
      graphEdges(graph).map((edge) => ({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        label: edge.input,
        style: { strokeWidth: 1.5 },
        labelStyle: { fontSize: 9 },
      })),
    [graph],
  );
  const nodes = useMemo<ComfyFlowNode[]>(
    () =>
      layout.map(({ id, column, row }) => {
        const node = graph[id]!;
        return {
          id,
          type: "comfy",
          position: { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT },
          data: {
            id,
            title: nodeTitle(node) ?? node.class_type,
            classType: node.class_type,
            highlighted: id === highlightedNodeId,
            output: isOutputNode(node),
            fieldCount: fieldCounts[id] ?? 0,
          },
          draggable: false,
          connectable: false,
          selectable: false,
        };
      }),
    [layout, graph, highlightedNodeId, fieldCounts],
  );
  return (
    <div
      className={cn("h-96 w-full overflow-hidden rounded-lg border bg-muted/30", className)}
      role="group"
      aria-label={`Workflow graph: ${nodes.length} nodes, ${edges.length} links`}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        maxZoom={1.5}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        proOptions={{ hideAttribution: true }}
        colorMode={resolvedTheme === "dark" ? "dark" : "light"}
      >
        <Background gap={16} size={1} />
        <Controls showInteractive={false} />
        <RefitOnResize />
      </ReactFlow>
    </div>
  );
}

/** `fitView` fits once, on load; a graph first drawn in a narrow window would stay tiny when it widens. */
function RefitOnResize() {
  const { fitView } = useReactFlow();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  useEffect(() => {
    if (width > 0 && height > 0) void fitView(FIT_VIEW_OPTIONS);
  }, [fitView, width, height]);
  return null;
}
