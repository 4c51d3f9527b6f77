/// QuireSupport: the lowest layer, the one home of helpers that several libraries need (numeric
/// kernels such as pairwise summation, number formatting, HTML escaping, parallel loops, checked
/// sizes and allocation, cooperative interruption). It depends on nothing but the standard
/// library and Foundation, and knows no domain and no language.
public enum QuireSupport {}
