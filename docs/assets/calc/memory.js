// GPU memory of a fine-tuning run: the formulas of macros/figures/memory.py, in the same order.
// Pure functions, no DOM. tests/test_calculator.py evaluates both on a grid and requires equal numbers;
// the assumptions are documented there and listed on the page.

export const MASTER_WEIGHT_BYTES = 4; // fp32 copy that mixed precision updates (full fine-tuning only)
export const ADAPTER_BYTES = 4; // LoRA adapters are trained in fp32
export const NF4_BITS = 4;
export const DOUBLE_QUANT_BITS = 8 / 64 + 32 / (64 * 256); // per parameter, QLoRA section 3
export const BNB_BLOCK = 256; // bitsandbytes: one fp32 absmax per 256 values of an 8-bit state

export const PRECISIONS = {
  mixed: { weight: 2, moment: 4, master: MASTER_WEIGHT_BYTES },
  bf16: { weight: 2, moment: 2, master: 0 },
  fp32: { weight: 4, moment: 4, master: 0 },
};

// moments per trainable parameter; moment_bytes null: the parameter's own precision
export const OPTIMIZERS = {
  adamw: { moments: 2, moment_bytes: null },
  "paged-adamw": { moments: 2, moment_bytes: 4 }, // bitsandbytes' 32-bit states are fp32 whatever the weights
  "adamw-8bit": { moments: 2, moment_bytes: 1 + 4 / BNB_BLOCK },
  "paged-adamw-8bit": { moments: 2, moment_bytes: 1 + 4 / BNB_BLOCK },
  "sgd-momentum": { moments: 1, moment_bytes: null },
  sgd: { moments: 0, moment_bytes: null },
};

export const METHODS = ["full", "lora", "qlora"];
export const PROJECTIONS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

export function stateBytes(optimizer, paramBytes) {
  const opt = OPTIMIZERS[optimizer];
  if (!opt) throw new Error(`unknown optimizer ${optimizer}`);
  return opt.moments * (opt.moment_bytes === null ? paramBytes : opt.moment_bytes);
}

const headDim = (shape) => Math.floor(shape.hidden / shape.heads);

/** [d_in, d_out] of every linear layer in one decoder block. */
export function projections(shape) {
  const h = shape.hidden;
  const m = shape.intermediate;
  const kv = (shape.kv_heads || shape.heads) * headDim(shape);
  return {
    q_proj: [h, h],
    k_proj: [h, kv],
    v_proj: [h, kv],
    o_proj: [h, h],
    gate_proj: [h, m],
    up_proj: [h, m],
    down_proj: [m, h],
  };
}

const sum = (values) => values.reduce((a, b) => a + b, 0);

export function linearWeights(shape) {
  return shape.layers * sum(Object.values(projections(shape)).map(([i, o]) => i * o));
}

export function totalParams(shape) {
  const proj = projections(shape);
  const biases = shape.qkv_bias ? proj.q_proj[1] + proj.k_proj[1] + proj.v_proj[1] : 0;
  const norms = 2 * shape.hidden;
  const embeddings = (shape.tied ? 1 : 2) * shape.vocab * shape.hidden;
  return linearWeights(shape) + shape.layers * (biases + norms) + embeddings + shape.hidden;
}

/** LoRA adds r * (d_in + d_out) parameters per adapted matrix (Hu et al., 2021). */
export function loraParams(shape, rank, targets) {
  const proj = projections(shape);
  return shape.layers * sum(targets.map((t) => rank * (proj[t][0] + proj[t][1])));
}

/** Activations saved for the backward pass, all layers (Korthikanti et al., 2022), 16-bit values. */
export function activationBytes(shape, seqLen, microBatch = 1, checkpointing = false, flashAttention = true) {
  const s = seqLen;
  const b = microBatch;
  const h = shape.hidden;
  const a = shape.heads;
  const oneLayer = 34 * s * b * h + (flashAttention ? 0 : 5 * a * s * s * b);
  if (checkpointing) return shape.layers * 2 * s * b * h + oneLayer;
  return shape.layers * oneLayer;
}

export const LOGITS_SAVED_BYTES = 4;
export const LOGITS_PEAK_BYTES = 2 + 4 + 4;

export function logitsBytes(shape, seqLen, microBatch = 1, peak = false) {
  return (peak ? LOGITS_PEAK_BYTES : LOGITS_SAVED_BYTES) * seqLen * microBatch * shape.vocab;
}

const get = (inputs, key, fallback) => (inputs[key] === undefined ? fallback : inputs[key]);

/** Bytes per GPU of each kind of training state: the same keys and numbers as memory.calculate(). */
export function calculate(inputs) {
  const shape = inputs.shape || null;
  const params = shape ? totalParams(shape) : inputs.params;
  const method = inputs.method;
  const optimizer = get(inputs, "optimizer", "adamw");
  const precision = PRECISIONS[get(inputs, "precision", "mixed")];
  if (!METHODS.includes(method)) throw new Error(`unknown method ${method}`);
  if (!precision) throw new Error(`unknown precision ${inputs.precision}`);
  let trainable;
  let weights;
  let gradients;
  let states;
  if (method === "full") {
    trainable = params;
    weights = precision.weight * params;
    gradients = precision.weight * params;
    states = precision.master * params + stateBytes(optimizer, precision.moment) * params;
  } else {
    trainable = shape ? loraParams(shape, inputs.rank, inputs.targets) : get(inputs, "adapter_params", 0);
    let frozen;
    if (method === "lora") {
      frozen = (inputs.precision === "fp32" ? 4 : 2) * params;
    } else if (shape) {
      const quantized = linearWeights(shape);
      frozen = (quantized * (NF4_BITS + DOUBLE_QUANT_BITS)) / 8 + 2 * (params - quantized);
    } else {
      frozen = (params * (NF4_BITS + DOUBLE_QUANT_BITS)) / 8;
    }
    weights = frozen + ADAPTER_BYTES * trainable;
    gradients = ADAPTER_BYTES * trainable;
    states = stateBytes(optimizer, ADAPTER_BYTES) * trainable;
  }
  const stage = get(inputs, "zero_stage", 0);
  const gpus = get(inputs, "gpus", 1);
  if (![0, 1, 2, 3].includes(stage)) throw new Error(`ZeRO stage must be 0-3, got ${stage}`);
  if (stage >= 1) states = states / gpus;
  if (stage >= 2) gradients = gradients / gpus;
  if (stage >= 3) weights = weights / gpus;
  let activations = 0;
  let logits = 0;
  if (shape) {
    const s = get(inputs, "seq_len", 2048);
    const b = get(inputs, "micro_batch", 1);
    activations = activationBytes(shape, s, b, get(inputs, "checkpointing", false), get(inputs, "flash_attention", true));
    logits = logitsBytes(shape, s, b, true);
  }
  return {
    params,
    trainable,
    weights,
    gradients,
    optimizer: states,
    activations,
    logits,
    total: weights + gradients + states + activations + logits,
  };
}
