# Reference numbers for chainpower.studies.estimate on the Grunfeld panel (issue 8, acceptance 2).
#
# Data: tests/reference/plm/grunfeld.csv, exported from statsmodels.datasets.grunfeld (11 firms x
# 20 years, 1935-1954; plm's own Grunfeld has 10 firms, so we use the exported file on both sides).
# Run from the repository root:   Rscript tests/reference/plm/grunfeld.R
# Writes tests/reference/plm/grunfeld_reference.csv (long: model, term, quantity, value).
# Needs R with plm, sandwich, clubSandwich (Debian: r-cran-plm r-cran-clubsandwich).
suppressPackageStartupMessages({
  library(plm)
  library(sandwich)
  library(clubSandwich)
})
here <- "tests/reference/plm"
d <- read.csv(file.path(here, "grunfeld.csv"), stringsAsFactors = FALSE)
pd <- pdata.frame(d, index = c("firm", "year"))
f <- invest ~ value + capital

fits <- list(
  pooled = plm(f, data = pd, model = "pooling"),
  fe = plm(f, data = pd, model = "within", effect = "individual"),
  twfe = plm(f, data = pd, model = "within", effect = "twoways"),
  re = plm(f, data = pd, model = "random", random.method = "swar")
)

rows <- list()
add <- function(model, term, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(model = model, term = term, quantity = quantity,
                                          value = sprintf("%.17g", value))
}

# Leave-one-firm-out jackknife: sum_g (b_(g) - b)(b_(g) - b)', i.e. no (G-1)/G factor
# (the refit definition of CR3; equals clubSandwich CR3 where the fixed effects are nested in
# the clusters, MacKinnon, Nielsen & Webb 2023 eq. 17 without its (G-1)/G).
jackknife <- function(model_name) {
  b <- coef(fits[[model_name]])
  firms <- unique(d$firm)
  acc <- matrix(0, length(b), length(b))
  for (g in firms) {
    sub <- pdata.frame(d[d$firm != g, ], index = c("firm", "year"))
    m <- switch(model_name,
      pooled = plm(f, data = sub, model = "pooling"),
      fe = plm(f, data = sub, model = "within", effect = "individual"),
      twfe = plm(f, data = sub, model = "within", effect = "twoways"),
      re = plm(f, data = sub, model = "random", random.method = "swar")
    )
    dev <- coef(m)[names(b)] - b
    acc <- acc + dev %o% dev
  }
  acc
}

for (name in names(fits)) {
  m <- fits[[name]]
  b <- coef(m)
  se <- function(v) sqrt(diag(as.matrix(v)))[names(b)]
  v_hc1 <- vcovHC(m, type = "HC1", cluster = "group")  # N/(N-K) only
  v_sss <- vcovHC(m, type = "sss", cluster = "group")  # G/(G-1) (N-1)/(N-K)
  v_hc0 <- vcovHC(m, type = "HC0", cluster = "group")  # no correction
  v_cr1 <- vcovCR(m, cluster = pd$firm, type = "CR1")  # G/(G-1)
  v_cr1s <- vcovCR(m, cluster = pd$firm, type = "CR1S")  # G/(G-1) (N-1)/(N-K)
  v_cr3 <- vcovCR(m, cluster = pd$firm, type = "CR3")
  v_jack <- jackknife(name)
  for (t in names(b)) {
    add(name, t, "estimate", b[[t]])
    add(name, t, "se_plm_hc0", se(v_hc0)[[t]])
    add(name, t, "se_plm_hc1", se(v_hc1)[[t]])
    add(name, t, "se_plm_sss", se(v_sss)[[t]])
    add(name, t, "se_club_cr1", se(v_cr1)[[t]])
    add(name, t, "se_club_cr1s", se(v_cr1s)[[t]])
    add(name, t, "se_club_cr3", se(v_cr3)[[t]])
    add(name, t, "se_jackknife", sqrt(diag(v_jack))[[t]])
  }
  add(name, "", "n_obs", nobs(m))
  add(name, "", "k", length(b))
  add(name, "", "df_residual", df.residual(m))
}
ercomp_re <- ercomp(fits$re)
add("re", "", "sigma2_idios", ercomp_re$sigma2[["idios"]])
add("re", "", "sigma2_id", ercomp_re$sigma2[["id"]])
add("re", "", "theta", as.numeric(ercomp_re$theta)[1])

# Classic Hausman test (conventional covariances) and the cluster-robust Mundlak test:
# pooled OLS with firm means, Wald test on the means with clubSandwich CR1S.
ph <- phtest(fits$fe, fits$re)
add("hausman", "", "statistic", ph$statistic[[1]])
add("hausman", "", "df", ph$parameter[[1]])
add("hausman", "", "p", ph$p.value)
d$m_value <- ave(d$value, d$firm)
d$m_capital <- ave(d$capital, d$firm)
mund <- lm(invest ~ value + capital + m_value + m_capital, data = d)
vm <- vcovCR(mund, cluster = d$firm, type = "CR1S")
idx <- c("m_value", "m_capital")
gam <- coef(mund)[idx]
wald <- as.numeric(t(gam) %*% solve(as.matrix(vm)[idx, idx]) %*% gam)
add("mundlak", "", "statistic", wald)
add("mundlak", "", "df", 2)
add("mundlak", "value", "estimate", coef(mund)[["value"]])
add("mundlak", "capital", "estimate", coef(mund)[["capital"]])

out <- do.call(rbind, rows)
write.csv(out, file.path(here, "grunfeld_reference.csv"), row.names = FALSE, quote = TRUE)
cat("written:", file.path(here, "grunfeld_reference.csv"), nrow(out), "rows\n")
cat(R.version.string, "plm", as.character(packageVersion("plm")),
    "sandwich", as.character(packageVersion("sandwich")),
    "clubSandwich", as.character(packageVersion("clubSandwich")), "\n")
