# Reference numbers for chainpower's Koopman-Wang-Wei terms, from R's decompr kww().
#
# Run from the repository root (needs R and decompr; the tests only read the CSV output):
#   CHAINPOWER_DATA=../shared/data Rscript tests/reference/decompr/kww_reference.R
# Inputs: small_Z.csv / small_Y.csv (written by make_small_table.py) and the original WIOD 2013
# release files wiot_1995.RData and wiot_2011.RData under $CHAINPOWER_DATA/mrio/wiod2013_bquast/rdata.
# Output: kww_reference.csv with columns table, country, term, value (country level, as kww()
# returns it; decompr's own comment says only its country level is correct).
# Output x is taken as row totals (Z 1 + Y 1), as chainpower's WIOD reader does.
library(decompr)

here <- "tests/reference/decompr"
run_kww <- function(Z, Y, countries, sectors, label) {
  x <- rowSums(Z) + rowSums(Y)
  obj <- load_tables_vectors(Z, Y, countries, sectors, x)
  out <- kww(obj)
  long <- do.call(rbind, lapply(names(out)[-1], function(term)
    data.frame(table = label, country = as.character(out$Country), term = term,
               value = out[[term]], stringsAsFactors = FALSE)))
  long
}

Z <- as.matrix(read.csv(file.path(here, "small_Z.csv"), row.names = 1, check.names = FALSE))
Y <- as.matrix(read.csv(file.path(here, "small_Y.csv"), row.names = 1, check.names = FALSE))
countries <- unique(sub("\\..*$", "", rownames(Z)))
sectors <- unique(sub("^[^.]*\\.", "", rownames(Z)))
res <- list(run_kww(Z, Y, countries, sectors, "small"))

data_dir <- Sys.getenv("CHAINPOWER_DATA", "../shared/data")
for (year in c(1995, 2011)) {
  env <- new.env()
  load(file.path(data_dir, "mrio", "wiod2013_bquast", "rdata", sprintf("wiot_%d.RData", year)),
       envir = env)
  w <- get(ls(env)[1], envir = env)
  res[[length(res) + 1]] <- run_kww(as.matrix(w$inter), as.matrix(w$final),
                                    as.character(w$countries), as.character(w$industries),
                                    sprintf("wiod_%d", year))
}
out <- do.call(rbind, res)
write.csv(out, file.path(here, "kww_reference.csv"), row.names = FALSE)
cat(sprintf("kww_reference.csv: %d rows; decompr %s; %s\n", nrow(out),
            as.character(packageVersion("decompr")), R.version.string))
