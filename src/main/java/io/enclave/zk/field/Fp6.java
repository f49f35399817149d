package io.enclave.zk.field;

/** An immutable element a + b·v + c·v² of Fp6 = Fp2[v]/(v³ − ξ). */
public final class Fp6 {
    public static final Fp6 ZERO = new Fp6(Fp2.ZERO, Fp2.ZERO, Fp2.ZERO);
    public static final Fp6 ONE = new Fp6(Fp2.ONE, Fp2.ZERO, Fp2.ZERO);

    final Fp2 a;
    final Fp2 b;
    final Fp2 c;

    public Fp6(Fp2 a, Fp2 b, Fp2 c) {
        this.a = a;
        this.b = b;
        this.c = c;
    }

    public Fp6 add(Fp6 o) {
        return new Fp6(a.add(o.a), b.add(o.b), c.add(o.c));
    }

    public Fp6 sub(Fp6 o) {
        return new Fp6(a.sub(o.a), b.sub(o.b), c.sub(o.c));
    }

    public Fp6 neg() {
        return new Fp6(a.neg(), b.neg(), c.neg());
    }

    public Fp6 mul(Fp6 o) {
        Fp2 t0 = a.mul(o.a);
        Fp2 t1 = b.mul(o.b);
        Fp2 t2 = c.mul(o.c);
        Fp2 r0 = b.add(c).mul(o.b.add(o.c)).sub(t1).sub(t2).mulXi().add(t0);
        Fp2 r1 = a.add(b).mul(o.a.add(o.b)).sub(t0).sub(t1).add(t2.mulXi());
        Fp2 r2 = a.add(c).mul(o.a.add(o.c)).sub(t0).sub(t2).add(t1);
        return new Fp6(r0, r1, r2);
    }

    public Fp6 sqr() {
        return mul(this);
    }

    /** Multiplication by v: (a, b, c) → (ξc, a, b). */
    public Fp6 mulV() {
        return new Fp6(c.mulXi(), a, b);
    }

    public Fp6 inverse() {
        Fp2 t0 = a.sqr().sub(b.mul(c).mulXi());
        Fp2 t1 = c.sqr().mulXi().sub(a.mul(b));
        Fp2 t2 = b.sqr().sub(a.mul(c));
        Fp2 det = a.mul(t0).add(c.mul(t1).mulXi()).add(b.mul(t2).mulXi());
        Fp2 inv = det.inverse();
        return new Fp6(t0.mul(inv), t1.mul(inv), t2.mul(inv));
    }

    public boolean isZero() {
        return a.isZero() && b.isZero() && c.isZero();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp6 && a.equals(((Fp6) o).a) && b.equals(((Fp6) o).b) && c.equals(((Fp6) o).c);
    }

    @Override
    public int hashCode() {
        return a.hashCode() * 31 + b.hashCode();
    }
}
