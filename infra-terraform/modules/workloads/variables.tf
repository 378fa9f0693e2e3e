variable "part_of" {
  description = "Name of the target: the app.kubernetes.io/part-of label of every object."
  type        = string
}

variable "namespace" {
  description = "The namespace the app runs in; this module creates it."
  type        = string
}

variable "app" {
  description = "The clustered Phoenix service: image, replicas, port, resources, probes, security context, environment, disruption budget and migration Job."
  type = object({
    name     = string
    image    = string
    command  = list(string)
    replicas = number
    port     = number
    resources = object({
      requests = map(string)
      limits   = map(string)
    })
    probes = object({
      liveness = object({
        path                  = string
        initial_delay_seconds = number
        period_seconds        = number
        failure_threshold     = number
      })
      readiness = object({
        path                  = string
        initial_delay_seconds = number
        period_seconds        = number
        failure_threshold     = number
      })
    })
    security_context = object({
      run_as_user               = number
      run_as_group              = number
      read_only_root_filesystem = bool
    })
    termination_grace_period_seconds = number
    env                              = map(string)
    min_available                    = number
    migration = object({
      command                 = list(string)
      backoff_limit           = number
      active_deadline_seconds = number
    })
  })
}

variable "secrets" {
  description = "The app's Secret (RELEASE_COOKIE, SECRET_KEY_BASE …). Supply real values from a secret store (TF_VAR_workload_secrets, or External Secrets instead: see k8s/README.md)."
  type        = map(string)
  sensitive   = true
}

variable "helm_releases" {
  description = "Helm releases keyed by namespace/name: chart, repository, version, namespace, whether the release creates its namespace (only one nothing else creates; the app namespace is created here and every release waits for it), and values (a YAML or JSON document: the elements of a map share one type, and the values of different charts do not)."
  type = map(object({
    name             = string
    chart            = string
    repository       = string
    version          = string
    namespace        = string
    create_namespace = bool
    values           = string
  }))
  default = {}
}
