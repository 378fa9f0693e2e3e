terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.25"
    }
  }
}

provider "aws" {
  region = "eu-west-1"

  # Every taggable resource gets the target's tags.
  default_tags {
    tags = {
      project     = "iac-compare"
      environment = "demo"
      owner       = "platform-team"
    }
  }
}
