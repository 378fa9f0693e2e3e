provider "aws" {
  region = var.region

  # Tags on everything taggable: the provider merges these into every resource's tags_all.
  default_tags {
    tags = var.tags
  }
}
