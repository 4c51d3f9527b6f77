"""scikit-learn's vectorizers and count models on review sentences the other tests never use:
the IMDb sentences (and the Amazon ones for the naive Bayes variants), with many settings.
Writes sklearn_text_variants.json beside this script; the tests read only that file.

usage: /work/venv/bin/python Tests/Fixtures/reference/text/make_text_fixtures.py
(scikit-learn 1.9.1, pandas 3.1.1, numpy; run from the repository root)"""
import json, os
import numpy as np, pandas as pd, sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.naive_bayes import MultinomialNB, BernoulliNB, ComplementNB
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "..", "..", "..", "notebooks", "data", "text")

def load(name):
    return pd.read_csv(os.path.join(data, name), sep="\t", header=None, names=["text", "label"], quoting=3)

imdb = load("imdb_labelled.txt")
amazon = load("amazon_cells_labelled.txt")
train, test = list(imdb.text[:750]), list(imdb.text[750:])

def rows(X):
    X = X.tocsr()
    return {"indptr": X.indptr.tolist(), "indices": X.indices.tolist(), "data": X.data.tolist()}

def summary(X, columns=True):
    X = X.tocsr()
    return {"shape": list(X.shape), "nnz": int(X.nnz),
            "first_rows": rows(X[:5]),   # storage order, as scikit-learn stores them
            "row_sums": np.asarray(X.sum(axis=1)).ravel().tolist(),
            "row_sq_sums": np.asarray(X.multiply(X).sum(axis=1)).ravel().tolist(),
            "col_sums": np.asarray(X.sum(axis=0)).ravel().tolist() if columns else None}

variants = [
    ("count_default", "count", {}),
    ("count_bigrams_stop", "count", {"ngram_range": [1, 2], "stop_words": "english"}),
    ("count_min_df2_max_df05", "count", {"min_df": 2, "max_df": 0.5}),
    ("count_max_features_254_binary", "count", {"max_features": 254, "binary": True}),
    ("count_max_features_46", "count", {"max_features": 46}),
    ("count_no_lowercase_pattern", "count", {"lowercase": False, "token_pattern": r"(?u)\b\w+\b"}),
    ("count_bigrams_only", "count", {"ngram_range": [2, 2], "min_df": 0.002}),
    ("tfidf_default", "tfidf", {}),
    ("tfidf_sublinear_l1", "tfidf", {"sublinear_tf": True, "norm": "l1"}),
    ("tfidf_no_idf_no_norm", "tfidf", {"use_idf": False, "norm": None}),
    ("tfidf_no_smooth_trigrams", "tfidf", {"smooth_idf": False, "ngram_range": [1, 3], "min_df": 2}),
    ("tfidf_stop_binary_max_df", "tfidf", {"stop_words": "english", "binary": True, "max_df": 0.1}),
]

out = {"origin": f"scikit-learn {sklearn.__version__}, pandas {pd.__version__}, numpy {np.__version__}; "
                 "made by make_text_fixtures.py: vectorizers fitted on imdb_labelled.txt rows 0-749, applied to rows 750-999",
       "vectorizers": []}
for name, kind, params in variants:
    p = dict(params)
    if "ngram_range" in p: p["ngram_range"] = tuple(p["ngram_range"])
    v = (CountVectorizer if kind == "count" else TfidfVectorizer)(**p)
    Xtr = v.fit_transform(train)
    Xte = v.transform(test)
    entry = {"name": name, "kind": kind, "params": params,
             "features": v.get_feature_names_out().tolist(),
             "fit_transform": summary(Xtr), "transform": summary(Xte, columns=False)}
    if params.get("max_features"):
        # The most frequent terms; a tie at the cut would make scikit-learn's (unstable) choice arbitrary.
        tfs = np.asarray(CountVectorizer(**{k: v for k, v in p.items() if k != "max_features"}).fit_transform(train).sum(axis=0)).ravel()
        s = np.sort(tfs)[::-1]
        entry["tie_at_cut"] = bool(s[params["max_features"] - 1] == s[params["max_features"]])
    if kind == "tfidf" and v.use_idf:
        entry["idf"] = v.idf_.tolist()
    out["vectorizers"].append(entry)

# Count models on the Amazon sentences' counts, split as the walkthrough splits them.
Xtr_t, Xte_t, ytr, yte = train_test_split(amazon.text, amazon.label, test_size=0.25, random_state=42)
cv = CountVectorizer()
Ctr, Cte = cv.fit_transform(Xtr_t), cv.transform(Xte_t)
models = []
for name, model in [("multinomial_nb", MultinomialNB()), ("multinomial_nb_alpha_0.5_no_prior", MultinomialNB(alpha=0.5, fit_prior=False)),
                    ("multinomial_nb_class_prior", MultinomialNB(class_prior=[0.3, 0.7])),
                    ("bernoulli_nb", BernoulliNB()), ("complement_nb", ComplementNB()), ("complement_nb_norm", ComplementNB(norm=True))]:
    model.fit(Ctr, ytr)
    models.append({"name": name, "params": model.get_params(), "accuracy": float(model.score(Cte, yte)),
                   "proba_first_5": model.predict_proba(Cte[:5]).tolist(),
                   "feature_log_prob_first_5": model.feature_log_prob_[:, :5].tolist(),
                   "predictions": model.predict(Cte).tolist()})
# Logistic regression on IMDb TF-IDF (sparse), trained on rows 0-749.
tf = TfidfVectorizer()
lr = LogisticRegression().fit(tf.fit_transform(train), imdb.label[:750])
models.append({"name": "logistic_regression_imdb_tfidf", "accuracy": float(lr.score(tf.transform(test), imdb.label[750:])),
               "predictions": lr.predict(tf.transform(test)).tolist(),
               "proba_first_5": lr.predict_proba(tf.transform(test[:5])).tolist()})
out["models"] = models
json.dump(out, open(os.path.join(here, "sklearn_text_variants.json"), "w"))
print({m["name"]: m["accuracy"] for m in models})
print([(e["name"], len(e["features"]), e.get("tie_at_cut")) for e in out["vectorizers"]])
