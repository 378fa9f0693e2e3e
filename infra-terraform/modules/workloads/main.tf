# The clustered Phoenix service and the Helm releases, with the kubernetes and helm providers
# (configured by the root module from the cluster it creates: see providers.tf there).

locals {
  epmd_port = 4369
  labels = {
    "app.kubernetes.io/name"    = var.app.name
    "app.kubernetes.io/part-of" = var.part_of
  }
  selector        = { "app.kubernetes.io/name" = var.app.name }
  migration_label = { "app.kubernetes.io/component" = "migration" }
  headless_name   = "${var.app.name}-headless"
  # The environment, plus what the release and clustering need (libcluster / dns_cluster).
  env = merge(var.app.env, {
    PORT              = tostring(var.app.port)
    DNS_CLUSTER_QUERY = "${local.headless_name}.${var.namespace}.svc.cluster.local"
  })
}

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name   = var.namespace
    labels = { "app.kubernetes.io/part-of" = var.part_of }
  }
}

resource "kubernetes_config_map_v1" "this" {
  metadata {
    name      = "${var.app.name}-env"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }

  data = local.env
}

resource "kubernetes_secret_v1" "this" {
  metadata {
    name      = "${var.app.name}-secrets"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }

  type = "Opaque"
  # Plain text: the provider base64-encodes it. The values are in the state; keep it encrypted.
  data = var.secrets
}

# BEAM nodes find each other through this Service's DNS records, ready or not.
resource "kubernetes_service_v1" "headless" {
  metadata {
    name      = local.headless_name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }

  spec {
    cluster_ip                  = "None"
    publish_not_ready_addresses = true
    selector                    = local.selector

    port {
      name        = "epmd"
      port        = local.epmd_port
      target_port = "epmd"
    }
  }
}

resource "kubernetes_service_v1" "http" {
  metadata {
    name      = var.app.name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }

  spec {
    type     = "ClusterIP"
    selector = local.selector

    port {
      name        = "http"
      port        = 80
      target_port = "http"
    }
  }
}

# A Job's pod template is immutable: changing the image or command replaces the Job (the provider
# marks the template's spec ForceNew; backoff_limit and the deadline are patched in place). Terraform
# waits for it to complete (wait_for_completion), by default for one minute only: give it the
# Job's own deadline and time for the image pull.
resource "kubernetes_job_v1" "migrate" {
  metadata {
    name      = "${var.app.name}-migrate"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = merge(local.labels, local.migration_label)
  }

  spec {
    backoff_limit           = var.app.migration.backoff_limit
    active_deadline_seconds = var.app.migration.active_deadline_seconds

    template {
      metadata {
        labels = merge(local.labels, local.migration_label)
      }

      spec {
        restart_policy = "Never"

        security_context {
          run_as_non_root = true
          run_as_user     = var.app.security_context.run_as_user
          run_as_group    = var.app.security_context.run_as_group
          fs_group        = var.app.security_context.run_as_group

          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name    = "migrate"
          image   = var.app.image
          command = var.app.migration.command

          env_from {
            config_map_ref {
              name = kubernetes_config_map_v1.this.metadata[0].name
            }
          }
          env_from {
            secret_ref {
              name = kubernetes_secret_v1.this.metadata[0].name
            }
          }

          resources {
            requests = var.app.resources.requests
            limits   = var.app.resources.limits
          }

          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = var.app.security_context.read_only_root_filesystem

            capabilities {
              drop = ["ALL"]
            }
          }

          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }

        volume {
          name = "tmp"
          empty_dir {}
        }
      }
    }
  }

  timeouts {
    create = "${var.app.migration.active_deadline_seconds + 60}s"
    update = "${var.app.migration.active_deadline_seconds + 60}s"
  }
}

resource "kubernetes_deployment_v1" "this" {
  metadata {
    name      = var.app.name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }

  spec {
    replicas = var.app.replicas

    selector {
      match_labels = local.selector
    }

    template {
      metadata {
        labels = local.labels
      }

      spec {
        termination_grace_period_seconds = var.app.termination_grace_period_seconds

        security_context {
          run_as_non_root = true
          run_as_user     = var.app.security_context.run_as_user
          run_as_group    = var.app.security_context.run_as_group
          fs_group        = var.app.security_context.run_as_group

          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name    = "app"
          image   = var.app.image
          command = var.app.command

          port {
            name           = "http"
            container_port = var.app.port
          }
          port {
            name           = "epmd"
            container_port = local.epmd_port
          }

          env_from {
            config_map_ref {
              name = kubernetes_config_map_v1.this.metadata[0].name
            }
          }
          env_from {
            secret_ref {
              name = kubernetes_secret_v1.this.metadata[0].name
            }
          }

          # Each pod's BEAM node is <app>@<pod IP>, which the headless Service's DNS returns.
          env {
            name = "POD_IP"
            value_from {
              field_ref {
                field_path = "status.podIP"
              }
            }
          }
          env {
            name  = "RELEASE_DISTRIBUTION"
            value = "name"
          }
          env {
            name  = "RELEASE_NODE"
            value = "${var.app.name}@$(POD_IP)"
          }

          resources {
            requests = var.app.resources.requests
            limits   = var.app.resources.limits
          }

          liveness_probe {
            http_get {
              path = var.app.probes.liveness.path
              port = "http"
            }
            initial_delay_seconds = var.app.probes.liveness.initial_delay_seconds
            period_seconds        = var.app.probes.liveness.period_seconds
            failure_threshold     = var.app.probes.liveness.failure_threshold
          }

          readiness_probe {
            http_get {
              path = var.app.probes.readiness.path
              port = "http"
            }
            initial_delay_seconds = var.app.probes.readiness.initial_delay_seconds
            period_seconds        = var.app.probes.readiness.period_seconds
            failure_threshold     = var.app.probes.readiness.failure_threshold
          }

          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = var.app.security_context.read_only_root_filesystem

            capabilities {
              drop = ["ALL"]
            }
          }

          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }

        volume {
          name = "tmp"
          empty_dir {}
        }
      }
    }
  }
}

resource "kubernetes_pod_disruption_budget_v1" "this" {
  metadata {
    name      = var.app.name
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels
  }

  spec {
    min_available = var.app.min_available

    selector {
      match_labels = local.selector
    }
  }
}

resource "helm_release" "this" {
  for_each = var.helm_releases

  name       = each.value.name
  chart      = each.value.chart
  repository = each.value.repository
  version    = each.value.version
  namespace  = each.value.namespace
  # helm_release creates no namespace by default (create_namespace, default false); the target says
  # which release must: one in a namespace nothing else creates.
  create_namespace = each.value.create_namespace
  values           = [each.value.values]

  # A release into the app namespace must not race its creation (helm: namespaces "x" not found);
  # every release waits for it, and on destroy goes before it.
  depends_on = [kubernetes_namespace_v1.this]
}
