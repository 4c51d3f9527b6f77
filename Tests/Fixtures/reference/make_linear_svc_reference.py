import json, warnings, sys
import numpy as np, pandas as pd
from sklearn.svm import LinearSVC
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.exceptions import ConvergenceWarning
import os
R = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../")
out = {}
def fit(m, X, y):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        m.fit(X, y)
    return any(issubclass(x.category, ConvergenceWarning) for x in w)
def summary(m, X_test, y_test, warned, full=True):
    return dict(accuracy=float(m.score(X_test, y_test)), n_iter=int(m.n_iter_), converged=not warned,
                coef=[[float(v) for v in (r if full else r[:10])] for r in m.coef_], intercept=[float(v) for v in np.ravel(m.intercept_)],
                coef_abs_sum=float(np.abs(m.coef_).sum()), coef_shape=list(m.coef_.shape),
                decision_first_5=[[float(v) for v in np.ravel(r)] for r in m.decision_function(X_test[:5])])
rev = pd.read_csv(R+"notebooks/data/text/amazon_cells_labelled.txt", sep="\t", header=None, names=["text","label"], quoting=3)
Xtr, Xte, ytr, yte = train_test_split(rev.text, rev.label, test_size=0.25, random_state=42)
tf = TfidfVectorizer(); A = tf.fit_transform(Xtr); B = tf.transform(Xte)
amazon = {}
for name, kw in [("default", {}), ("random_state_0", dict(random_state=0)), ("hinge", dict(loss="hinge", random_state=0)),
                 ("C_0.1", dict(C=0.1, random_state=0)), ("primal", dict(dual=False)), ("l1", dict(penalty="l1", dual=False, random_state=0)),
                 ("balanced", dict(class_weight="balanced", random_state=0)), ("max_iter_2", dict(max_iter=2, random_state=0))]:
    m = LinearSVC(**kw); w = fit(m, A, ytr); amazon[name] = dict(params=kw, **summary(m, B, yte, w, full=name in ("random_state_0", "primal", "hinge", "l1")))
out["amazon_tfidf"] = amazon
# mobile price: the tutorial split (sc_w != 0, test_size=0.2, random_state=7)
df = pd.read_csv(R+"notebooks/data/mobile_price_train.csv"); df = df[df.sc_w != 0]
X = df.drop(columns="price_range").to_numpy(float); y = df.price_range.to_numpy()
a, b, c, d = train_test_split(X, y, test_size=0.2, random_state=7)
mob = {}
for name, kw in [("default", {}), ("dual_true", dict(dual=True, random_state=0)), ("l1", dict(penalty="l1", dual=False, random_state=0))]:
    m = LinearSVC(**kw); w = fit(m, a, c); mob[name] = dict(params=kw, **summary(m, b, d, w))
out["mobile_price"] = mob
# iris from the fixture (first line: counts), scaled? no: raw
ir = np.loadtxt(R+"Tests/Fixtures/data/iris.csv", delimiter=",", skiprows=1)
Xi, yi = ir[:, :4], ir[:, 4].astype(int)
a, b, c, d = train_test_split(Xi, yi, test_size=0.3, random_state=0)
iris = {}
for name, kw in [("default", {}), ("dual_true", dict(dual=True, random_state=0)), ("hinge", dict(loss="hinge", random_state=0, max_iter=100000)), ("no_intercept", dict(fit_intercept=False)), ("intercept_scaling_10", dict(intercept_scaling=10))]:
    m = LinearSVC(**kw); w = fit(m, a, c); iris[name] = dict(params=kw, **summary(m, b, d, w))
iris["cross_val_score_5"] = [float(v) for v in cross_val_score(LinearSVC(), Xi, yi, cv=5)]
out["iris"] = iris
out["liblinear_seed_of_random_state"] = {str(k): int(np.random.RandomState(k).randint(np.iinfo("i").max)) for k in [0, 1, 42]}
out["about"] = "LinearSVC as scikit-learn %s fits it (made by make_linear_svc_reference.py from the repository's data; accuracy on the test split, n_iter_, whether it converged (no ConvergenceWarning), coef_, intercept_, the first 5 decision_function rows)" % __import__("sklearn").__version__
json.dump(out, open(sys.argv[1], "w"), separators=(",", ":"))
