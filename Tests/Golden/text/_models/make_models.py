"""Makes the tiny hand-made BERT model folders the golden tests of text_encoder read (hidden 4,
2 heads, 1 layer, intermediate 8, 12 tokens; weights from a fixed formula, not a trained model),
and broken copies of it. usage: python3 make_models.py (in this folder)"""
import json, os, shutil, struct

H, I, V, P = 4, 8, 12, 16
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "good", "bad", "phone", "great", "awful", "##s", ".", "!"]

def tensors():
    shapes = [("embeddings.word_embeddings.weight", [V, H]), ("embeddings.position_embeddings.weight", [P, H]),
              ("embeddings.token_type_embeddings.weight", [2, H]), ("embeddings.LayerNorm.weight", [H]), ("embeddings.LayerNorm.bias", [H])]
    p = "encoder.layer.0."
    for n in ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"]:
        shapes += [(p + n + ".weight", [H, H]), (p + n + ".bias", [H])]
    shapes += [(p + "attention.output.LayerNorm.weight", [H]), (p + "attention.output.LayerNorm.bias", [H]),
               (p + "intermediate.dense.weight", [I, H]), (p + "intermediate.dense.bias", [I]),
               (p + "output.dense.weight", [H, I]), (p + "output.dense.bias", [H]),
               (p + "output.LayerNorm.weight", [H]), (p + "output.LayerNorm.bias", [H])]
    seed = 12345
    out = []
    for name, shape in shapes:
        n = 1
        for d in shape: n *= d
        vals = []
        for _ in range(n):
            seed = (seed * 1103515245 + 12345) % 2**31
            vals.append((seed % 2000 - 1000) / 1000.0)
        if name.endswith("LayerNorm.weight"): vals = [1.0] * n
        out.append((name, shape, vals))
    return out

def write_safetensors(path, ts):
    header, data = {"__metadata__": {"format": "pt"}}, b""
    for name, shape, vals in ts:
        b = struct.pack("<%df" % len(vals), *vals)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [len(data), len(data) + len(b)]}
        data += b
    h = json.dumps(header).encode()
    open(path, "wb").write(struct.pack("<Q", len(h)) + h + data)

def folder(name, vocab=VOCAB, ts=None):
    if os.path.exists(name): shutil.rmtree(name)
    os.makedirs(name)
    json.dump({"model_type": "bert", "hidden_act": "gelu", "hidden_size": H, "num_hidden_layers": 1, "num_attention_heads": 2,
               "intermediate_size": I, "layer_norm_eps": 1e-12, "max_position_embeddings": P, "vocab_size": V, "type_vocab_size": 2},
              open(name + "/config.json", "w"))
    json.dump({"max_seq_length": 8}, open(name + "/sentence_bert_config.json", "w"))
    open(name + "/vocab.txt", "w").write("\n".join(vocab) + "\n")
    write_safetensors(name + "/model.safetensors", ts if ts is not None else tensors())

folder("tiny")
folder("no_vocab"); os.remove("no_vocab/vocab.txt")
folder("wrong_shape", ts=[(n, [H, I] if n.endswith("intermediate.dense.weight") else s, v) for n, s, v in tensors()])
folder("no_unk", vocab=[t for t in VOCAB if t != "[UNK]"] + ["extra"])
folder("corrupt_header")
raw = open("corrupt_header/model.safetensors", "rb").read()
open("corrupt_header/model.safetensors", "wb").write(struct.pack("<Q", 10**9) + raw[8:])
folder("truncated_data")
raw = open("truncated_data/model.safetensors", "rb").read()
open("truncated_data/model.safetensors", "wb").write(raw[: len(raw) - 100])
