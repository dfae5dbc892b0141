// The memory calculator's form: reads the inputs, runs memory.js, writes the breakdown.
// The form is rendered at build time and hidden; this module shows it. Presets come from the page's JSON.
import { calculate } from "./memory.js";

const SHAPE_FIELDS = ["hidden", "intermediate", "layers", "heads", "kv_heads", "vocab"];
const GB = 1e9;

const gb = (bytes) => `${(bytes / GB).toFixed(2)} GB`;
const count = (n) => Math.round(n).toLocaleString("en-US");

function setup(figure) {
  const form = figure.querySelector("#calc-form");
  const result = figure.querySelector("#calc-result");
  const status = figure.querySelector("#calc-status");
  const { presets } = JSON.parse(figure.querySelector("#calc-data").textContent);
  const field = (name) => form.elements.namedItem(name);

  function whole(name, label, min = 1) {
    const input = field(name);
    const value = Number(input.value);
    const ok = input.value.trim() !== "" && Number.isInteger(value) && value >= min;
    input.setAttribute("aria-invalid", String(!ok));
    if (!ok) throw new Error(`Enter a whole number of at least ${min} for “${label}”.`);
    return value;
  }

  function positive(name, label, allowZero = false) {
    const input = field(name);
    const value = Number(input.value);
    const ok = input.value.trim() !== "" && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
    input.setAttribute("aria-invalid", String(!ok));
    if (!ok) throw new Error(`Enter a number ${allowZero ? "of at least 0" : "above 0"} for “${label}”.`);
    return value;
  }

  const labelOf = (name) => form.querySelector(`label[for="${field(name).id}"]`).textContent;

  function readInputs() {
    const model = field("model").value;
    const method = field("method").value;
    const inputs = {
      method,
      precision: field("precision").value,
      optimizer: field("optimizer").value,
      zero_stage: Number(field("zero_stage").value),
      gpus: whole("gpus", labelOf("gpus")),
    };
    if (model === "params") {
      inputs.params = Math.round(positive("params_billions", labelOf("params_billions")) * 1e9);
      if (method !== "full") {
        inputs.adapter_params = Math.round(positive("adapter_millions", labelOf("adapter_millions"), true) * 1e6);
      }
      return inputs;
    }
    const shape = { name: model };
    for (const name of SHAPE_FIELDS) shape[name] = whole(name, labelOf(name));
    shape.tied = field("tied").checked;
    shape.qkv_bias = field("qkv_bias").checked;
    inputs.shape = shape;
    inputs.seq_len = whole("seq_len", labelOf("seq_len"));
    inputs.micro_batch = whole("micro_batch", labelOf("micro_batch"));
    inputs.checkpointing = field("checkpointing").checked;
    inputs.flash_attention = field("flash_attention").checked;
    if (method !== "full") {
      inputs.rank = whole("rank", labelOf("rank"));
      inputs.targets = [...form.querySelectorAll('input[name="targets"]:checked')].map((box) => box.value);
      if (!inputs.targets.length) throw new Error("Pick at least one LoRA target module.");
    }
    return inputs;
  }

  // Show only the fields that apply to the chosen model and method.
  function showFields() {
    const byCount = field("model").value === "params";
    const adapters = field("method").value !== "full";
    const when = {
      shape: !byCount,
      params: byCount,
      precision: field("method").value !== "qlora",
      adapters: adapters && !byCount,
      "adapter-count": adapters && byCount,
      targets: adapters && !byCount,
    };
    for (const el of form.querySelectorAll("[data-calc-when]")) el.hidden = !when[el.dataset.calcWhen];
  }

  function fillPreset() {
    const shape = presets[field("model").value];
    if (!shape) return;
    for (const name of SHAPE_FIELDS) field(name).value = shape[name] ?? shape.heads;
    field("tied").checked = shape.tied;
    field("qkv_bias").checked = shape.qkv_bias;
  }

  function update() {
    showFields();
    const out = (key) => result.querySelector(`[data-calc-out="${key}"]`);
    let r;
    let inputs;
    try {
      inputs = readInputs();
      r = calculate(inputs);
    } catch (err) {
      for (const cell of result.querySelectorAll("[data-calc-out]")) cell.textContent = "—";
      status.textContent = err.message;
      return;
    }
    for (const key of ["weights", "gradients", "optimizer", "total"]) out(key).textContent = gb(r[key]);
    const needsShape = "not estimated (needs the model's shape)";
    out("activations").textContent = inputs.shape ? gb(r.activations) : needsShape;
    out("logits").textContent = inputs.shape ? gb(r.logits) : needsShape;
    const share = ((100 * r.trainable) / r.params).toFixed(2);
    status.textContent =
      `Total per GPU: ${gb(r.total)}` +
      (inputs.shape ? "" : " before activations") +
      `; ${count(r.trainable)} trainable parameters of ${count(r.params)} (${share}%).`;
  }

  form.addEventListener("input", (event) => {
    if (SHAPE_FIELDS.includes(event.target.name) || ["tied", "qkv_bias"].includes(event.target.name)) {
      field("model").value = "custom"; // an edited preset is no longer that model
    }
    if (event.target.name === "model") fillPreset();
    update();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  result.hidden = false;
  update();
}

for (const figure of document.querySelectorAll("[data-ftp-calc]")) setup(figure);
