import type { ActivationName } from "../activation.ts";
import type { Layer, Network } from "../network.ts";
import { float64Activation, type Float64Activation } from "./activations.ts";

/** A layer as the kernel trains it: its weights in one Float64Array, updated in place. */
export interface CompiledLayer {
  readonly activation: ActivationName;
  readonly f: Float64Activation;
  readonly inputs: number;
  readonly outputs: number;
  /** Row-major outputs × inputs. */
  readonly W: Float64Array;
  readonly b: Float64Array | null;
}

export function compileLayer(layer: Layer<number>): CompiledLayer {
  const f = float64Activation(layer.activation);
  if (f === undefined) throw new RangeError(`the float64 kernel has no activation "${layer.activation}"`);
  return {
    activation: layer.activation,
    f,
    inputs: layer.W[0]?.length ?? 0,
    outputs: layer.W.length,
    W: Float64Array.from(layer.W.flat()),
    b: layer.b === null ? null : Float64Array.from(layer.b),
  };
}

export function toNetwork(net: Network<number>, layers: readonly CompiledLayer[]): Network<number> {
  return {
    loss: net.loss,
    layers: layers.map((l): Layer<number> => ({
      activation: l.activation,
      W: Array.from({ length: l.outputs }, (_, j) =>
        Array.from(l.W.subarray(j * l.inputs, (j + 1) * l.inputs)),
      ),
      b: l.b === null ? null : Array.from(l.b),
    })),
  };
}
