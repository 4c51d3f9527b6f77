"""SVC(decision_function_shape="ovo") on the mobile-price tutorial split (rows with sc_w != 0,
test_size=0.2, random_state=7): n_support_ and support_ (positions in X_train), as scikit-learn
1.9.1 gives them. Run from this folder: python make_svc_support_reference.py svc_mobile_support.json"""
import json, os, sys
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../")
df = pd.read_csv(os.path.join(root, "notebooks/data/mobile_price_train.csv"))
df = df[df.sc_w != 0]
X = df.drop(columns="price_range").to_numpy(float)
y = df.price_range.to_numpy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)
m = SVC(decision_function_shape="ovo").fit(X_train, y_train)
json.dump({"sklearn": sklearn.__version__, "n_support": [int(v) for v in m.n_support_],
           "support": [int(v) for v in m.support_], "predict": [int(v) for v in m.predict(X_test)]},
          open(sys.argv[1], "w"), separators=(",", ":"))
