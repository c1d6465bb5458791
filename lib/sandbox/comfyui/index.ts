export { decodePngSize, encodePng, PNG_SIGNATURE } from "./png";
export { paintPicture, type PaintRequest } from "./paint";
export {
  DEFAULT_SEED,
  DEFAULT_SIZE,
  DEFAULT_STEPS,
  IMAGE_OUTPUT_CLASS_TYPES,
  MAX_BATCH,
  MAX_SIDE,
  MIN_SIDE,
  renderWorkflow,
  type RenderedImage,
  type RenderOptions,
  type RenderResult,
} from "./render";
export {
  describeNode,
  detectWorkflowFormat,
  isLink,
  isOutputClassType,
  OUTPUT_CLASS_TYPES,
  UI_FORMAT_ERROR,
  validateApiWorkflow,
  type ApiWorkflow,
  type ApiWorkflowNode,
  type WorkflowLink,
  type WorkflowValidation,
} from "./workflow";
