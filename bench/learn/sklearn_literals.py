"""Computes, once, the scikit-learn numbers written as literals in Tests/QuireLearnTests.

Run: /work/venv/bin/python bench/learn/sklearn_literals.py (from the repository root).
"""
import gzip
import numpy as np
import sklearn
from sklearn.model_selection import train_test_split, StratifiedKFold, KFold, cross_val_score, GridSearchCV
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler, MinMaxScaler
from sklearn.metrics import classification_report, precision_score, recall_score, f1_score

print("sklearn", sklearn.__version__)
iris = np.loadtxt("Tests/Fixtures/data/iris.csv", delimiter=",", skiprows=1)
X, y = iris[:, :4], iris[:, 4].astype(int)
with gzip.open("notebooks/data/digits.csv.gz", "rt") as f:
    digits = np.loadtxt(f, delimiter=",")
DX, Dy = digits[:, :-1], digits[:, -1].astype(int)

def checksum(pred):
    return int(sum((i + 1) * int(p) for i, p in enumerate(pred)))

Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0)
print("iris split test positions first 10:", train_test_split(np.arange(150), test_size=0.3, random_state=0)[1][:10].tolist())
st = train_test_split(np.arange(150), test_size=0.3, random_state=0, stratify=y)
print("iris stratified test positions:", st[1].tolist())
print("iris stratified train first 10:", st[0][:10].tolist())
for name, m in [("nb", GaussianNB()), ("knn5", KNeighborsClassifier()),
                ("knn_dist", KNeighborsClassifier(n_neighbors=7, weights="distance", p=1)),
                ("svc", SVC()), ("svc_linear", SVC(kernel="linear", C=0.5)),
                ("svc_poly", SVC(kernel="poly", degree=2, coef0=1.0, gamma=0.5)),
                ("logreg", LogisticRegression(max_iter=1000))]:
    m.fit(Xtr, ytr)
    p = m.predict(Xte)
    print(name, "iris pred", p.tolist(), "acc", m.score(Xte, yte))
lr = LogisticRegression(max_iter=1000, tol=1e-10).fit(Xtr, ytr)
print("logreg coef", lr.coef_.tolist(), "intercept", lr.intercept_.tolist())
print("logreg proba row0", lr.predict_proba(Xte[:1]).tolist())
yb = (ytr == 2).astype(int)
lb = LogisticRegression(C=0.3, max_iter=1000).fit(Xtr, yb)  # two classes: scikit-learn's own stopping (tol=1e-4), which Quire follows
print("logreg binary coef", lb.coef_.tolist(), lb.intercept_.tolist())
nb = GaussianNB().fit(Xtr, ytr)
print("nb proba row0", nb.predict_proba(Xte[:1]).tolist())
print("cv nb", cross_val_score(GaussianNB(), X, y, cv=5).tolist())
print("cv knn", cross_val_score(KNeighborsClassifier(n_neighbors=3), X, y, cv=5).tolist())
print("skf folds", [t.tolist()[:6] for _, t in StratifiedKFold(5).split(X, y)])
print("skf shuffle folds", [t.tolist()[:6] for _, t in StratifiedKFold(4, shuffle=True, random_state=3).split(X, y)])
print("kfold shuffle", [t.tolist()[:5] for _, t in KFold(3, shuffle=True, random_state=1).split(X)])
gs = GridSearchCV(SVC(), {"C": [0.1, 1, 10], "kernel": ["linear", "rbf"]}, cv=5).fit(X, y)
print("grid best", gs.best_params_, gs.best_score_, gs.cv_results_["mean_test_score"].tolist(), gs.cv_results_["rank_test_score"].tolist())
pred = SVC(kernel="poly", degree=2, coef0=1.0, gamma=0.5).fit(Xtr, ytr).predict(Xte)
print("iris y_test", yte.tolist())
print("report names\n" + classification_report(yte, pred, target_names=["setosa", "versicolor", "virginica"], digits=3))
for avg in ["micro", "macro", "weighted"]:
    print(avg, precision_score(yte, pred, average=avg), recall_score(yte, pred, average=avg), f1_score(yte, pred, average=avg))
print("binary", precision_score(yte == 1, pred == 1), recall_score(yte == 1, pred == 1), f1_score(yte == 1, pred == 1))
ss = StandardScaler().fit(Xtr)
print("std row0", ss.transform(Xte[:1]).tolist(), "mm row0", MinMaxScaler().fit(Xtr).transform(Xte[:1]).tolist())

dtr, dte, dytr, dyte = train_test_split(DX, Dy, test_size=0.25, random_state=42)
for name, m in [("nb", GaussianNB()), ("knn", KNeighborsClassifier()), ("knn3", KNeighborsClassifier(n_neighbors=3)),
                ("svc", SVC()), ("svc_ovo", SVC(decision_function_shape="ovo", C=3.0))]:
    m.fit(dtr, dytr)
    p = m.predict(dte)
    print(name, "digits checksum", checksum(p), "acc", m.score(dte, dyte))
for name, m in [("forest", RandomForestClassifier(random_state=0)), ("tree", DecisionTreeClassifier(random_state=0)),
                ("forest_entropy", RandomForestClassifier(n_estimators=50, criterion="entropy", max_depth=10, random_state=1))]:
    m.fit(dtr, dytr)
    print(name, "digits acc", m.score(dte, dyte))
