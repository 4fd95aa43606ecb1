"""Dynamic INT8 quantization of an FP32 ONNX model by graph rewrite (python3-onnx + numpy only).

    /usr/bin/python3 models/training/quantize.py IN.onnx OUT.onnx [--exclude REGEX] [--gather-min N]

Works on any transformer token-classification export (pii-lint-mini, Hugging Face BERT/DistilBERT):
  * every MatMul (and Gemm with alpha=beta=1, transA=0) whose weight is a constant 2-D float tensor
    [K, N] (initializer, Constant node, or through Identity) becomes
        DynamicQuantizeLinear(x) -> MatMulInteger(x_u8, W_s8, x_zp) -> Cast(float) -> Mul(x_scale * w_scale[N])
    with symmetric int8 weights and one scale per output column; one DynamicQuantizeLinear is
    shared by all MatMuls reading the same activation (q/k/v);
  * every axis-0 Gather from a constant float table with at least --gather-min elements (the word
    embedding) becomes Gather on an int8 table followed by DequantizeLinear of the gathered rows
    only (per-column scales, opset >= 13; per-tensor scale below), never of the whole table per run.
Everything else (LayerNorm, Softmax, attention MatMuls between activations, small tables) stays FP32.
"""
import argparse
import re
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('inp')
    ap.add_argument('out')
    ap.add_argument('--exclude', default='', help='regex of node names (or output names) left in FP32')
    ap.add_argument('--gather-min', type=int, default=262144)
    ap.add_argument('--matmul-min-dim', type=int, default=16)
    args = ap.parse_args()

    model = onnx.load(args.inp)
    g = model.graph
    opset = next((o.version for o in model.opset_import if o.domain in ('', 'ai.onnx')), 0)
    if opset < 11:
        sys.exit(f'opset {opset} < 11: DynamicQuantizeLinear needs opset 11')
    excl = re.compile(args.exclude) if args.exclude else None

    consts = {i.name: i for i in g.initializer}
    for n in g.node:
        if n.op_type == 'Constant' and n.attribute and n.attribute[0].name == 'value':
            consts[n.output[0]] = n.attribute[0].t
    # Follow Identity chains of constants (exporters dedupe equal tensors through Identity).
    changed = True
    while changed:
        changed = False
        for n in g.node:
            if n.op_type == 'Identity' and n.input[0] in consts and n.output[0] not in consts:
                consts[n.output[0]] = consts[n.input[0]]
                changed = True

    def const_array(name):
        t = consts.get(name)
        return None if t is None else numpy_helper.to_array(t)

    names = set()
    for n in g.node:
        names.update(n.output)
    names.update(consts)

    def fresh(base):
        base = re.sub(r'[^A-Za-z0-9_.:/]', '_', base)
        name, k = base, 0
        while name in names:
            k += 1
            name = f'{base}_{k}'
        names.add(name)
        return name

    new_inits = []
    qweights = {}   # weight name -> (int8 name, scale name)
    dq_cache = {}   # activation name -> (u8, scale, zp)
    new_nodes = []
    stats = {'matmul': 0, 'gemm': 0, 'gather': 0, 'skipped_small': 0}

    def quant_weight(wname, w):
        if wname in qweights:
            return qweights[wname]
        w = w.astype(np.float32)
        scale = np.abs(w).max(axis=0) / 127.0
        scale[scale == 0] = 1.0
        q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        qn, sn = fresh(wname + '_int8'), fresh(wname + '_scale')
        new_inits.append(numpy_helper.from_array(q, qn))
        new_inits.append(numpy_helper.from_array(scale.astype(np.float32), sn))
        qweights[wname] = (qn, sn)
        return qn, sn

    def dyn_quant(x, out_nodes):
        if x not in dq_cache:
            u8, s, zp = fresh(x + '_quantized'), fresh(x + '_scale'), fresh(x + '_zero_point')
            out_nodes.append(helper.make_node('DynamicQuantizeLinear', [x], [u8, s, zp], name=fresh(x + '_DynamicQuantizeLinear')))
            dq_cache[x] = (u8, s, zp)
        return dq_cache[x]

    def emit_qmatmul(node_name, x, wname, w, y, out_nodes):
        qn, sn = quant_weight(wname, w)
        u8, s, zp = dyn_quant(x, out_nodes)
        i32, f32, sc = fresh(y + '_int32'), fresh(y + '_float'), fresh(y + '_scale')
        out_nodes.append(helper.make_node('MatMulInteger', [u8, qn, zp], [i32], name=fresh(node_name + '_MatMulInteger')))
        out_nodes.append(helper.make_node('Cast', [i32], [f32], to=TensorProto.FLOAT, name=fresh(node_name + '_Cast')))
        out_nodes.append(helper.make_node('Mul', [s, sn], [sc], name=fresh(node_name + '_scale_Mul')))
        out_nodes.append(helper.make_node('Mul', [f32, sc], [y], name=fresh(node_name + '_Mul')))

    def excluded(n):
        return excl is not None and (excl.search(n.name or '') or any(excl.search(o) for o in n.output))

    for n in g.node:
        if n.op_type == 'MatMul' and not excluded(n):
            w = const_array(n.input[1])
            if w is not None and w.dtype == np.float32 and w.ndim == 2 and n.input[0] not in consts:
                if min(w.shape) >= args.matmul_min_dim:
                    emit_qmatmul(n.name or n.output[0], n.input[0], n.input[1], w, n.output[0], new_nodes)
                    stats['matmul'] += 1
                    continue
                stats['skipped_small'] += 1
        if n.op_type == 'Gemm' and not excluded(n):
            at = {a.name: helper.get_attribute_value(a) for a in n.attribute}
            w = const_array(n.input[1])
            if (w is not None and w.dtype == np.float32 and w.ndim == 2 and at.get('alpha', 1.0) == 1.0
                    and at.get('beta', 1.0) == 1.0 and not at.get('transA', 0) and min(w.shape) >= args.matmul_min_dim):
                wt = w.T if at.get('transB', 0) else w
                y = n.output[0]
                mm = fresh(y + '_matmul') if len(n.input) > 2 and n.input[2] else y
                emit_qmatmul(n.name or y, n.input[0], n.input[1] + ('_T' if at.get('transB', 0) else ''), wt, mm, new_nodes)
                if mm != y:
                    new_nodes.append(helper.make_node('Add', [mm, n.input[2]], [y], name=fresh((n.name or y) + '_bias_Add')))
                stats['gemm'] += 1
                continue
        if n.op_type == 'Gather' and not excluded(n):
            at = {a.name: helper.get_attribute_value(a) for a in n.attribute}
            table = const_array(n.input[0])
            if (table is not None and table.dtype == np.float32 and table.ndim == 2 and at.get('axis', 0) == 0
                    and table.size >= args.gather_min):
                y = n.output[0]
                rows = fresh(y + '_int8_rows')
                per_axis = opset >= 13
                scale = (np.abs(table).max(axis=0) if per_axis else np.array(np.abs(table).max())) / 127.0
                scale = np.where(scale == 0, 1.0, scale).astype(np.float32)
                q = np.clip(np.round(table / scale), -127, 127).astype(np.int8)
                qn, sn, zn = fresh(n.input[0] + '_int8'), fresh(n.input[0] + '_scale'), fresh(n.input[0] + '_zero_point')
                new_inits += [numpy_helper.from_array(q, qn), numpy_helper.from_array(scale, sn),
                              numpy_helper.from_array(np.zeros(scale.shape, np.int8), zn)]
                new_nodes.append(helper.make_node('Gather', [qn, n.input[1]], [rows], axis=0, name=fresh((n.name or y) + '_int8')))
                kw = {'axis': -1} if per_axis else {}
                new_nodes.append(helper.make_node('DequantizeLinear', [rows, sn, zn], [y], name=fresh((n.name or y) + '_Dequantize'), **kw))
                stats['gather'] += 1
                continue
        new_nodes.append(n)

    # Graph order: a shared DynamicQuantizeLinear was emitted at its first consumer, after its producer.
    del g.node[:]
    g.node.extend(new_nodes)
    g.initializer.extend(new_inits)

    # Dead code: nodes whose outputs nobody reads, then unused initializers.
    outputs = {o.name for o in g.output}
    while True:
        used = {i for n in g.node for i in n.input} | outputs
        for n in g.node:
            for a in n.attribute:
                if a.type == onnx.AttributeProto.GRAPH:
                    used |= {i for sn in a.g.node for i in sn.input}
        dead = [n for n in g.node if not any(o in used for o in n.output)]
        if not dead:
            break
        for n in dead:
            g.node.remove(n)
    used = {i for n in g.node for i in n.input} | outputs
    keep = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    kept_inputs = [i for i in g.input if i.name in used or i.name in outputs or i.name not in consts]
    del g.input[:]
    g.input.extend(kept_inputs)

    onnx.checker.check_model(model)
    onnx.save(model, args.out)
    import os
    print(f"quantized {stats['matmul']} MatMul, {stats['gemm']} Gemm, {stats['gather']} Gather "
          f"({stats['skipped_small']} small MatMul left FP32): {os.path.getsize(args.inp) / 1e6:.1f} MB -> "
          f"{os.path.getsize(args.out) / 1e6:.1f} MB {args.out}")


if __name__ == '__main__':
    main()
